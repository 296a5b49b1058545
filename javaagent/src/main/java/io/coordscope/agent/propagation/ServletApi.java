package io.coordscope.agent.propagation;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The Servlet API as the agent reaches it: through method handles on the interfaces
 * ({@code jakarta.servlet.*} or {@code javax.servlet.*}) that the application's class loader
 * holds, which the agent's own loader cannot see. One instance per servlet API class (so per
 * web-application loader), found once per request class through a {@link ClassValue}; a request
 * that is not an {@code HttpServletRequest} maps to {@link #NONE}. Every accessor may throw; the
 * caller catches.
 */
final class ServletApi {

  static final ServletApi NONE = new ServletApi();

  private static final String[] FLAVOURS = {"jakarta.servlet.", "javax.servlet."};

  private static final ClassValue<ServletApi> BY_REQUEST_CLASS =
      new ClassValue<>() {
        @Override
        protected ServletApi computeValue(Class<?> type) {
          for (String prefix : FLAVOURS) {
            Class<?> iface = findInterface(type, prefix + "http.HttpServletRequest");
            if (iface != null) {
              try {
                return new ServletApi(prefix, iface);
              } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return NONE; // an API this agent does not understand: left alone
              }
            }
          }
          return NONE;
        }
      };

  final String prefix;
  private final MethodHandle getHeaders;
  private final MethodHandle getHeaderNames;
  private final MethodHandle getHeader;
  private final MethodHandle getMethod;
  private final MethodHandle getRequestUri;
  private final MethodHandle getQueryString;
  private final MethodHandle getScheme;
  private final MethodHandle getServerName;
  private final MethodHandle getServerPort;
  private final MethodHandle getRemoteAddr;
  private final MethodHandle getProtocol;
  private final MethodHandle getContextPath;
  private final MethodHandle getServletPath;
  private final MethodHandle getAttribute;
  private final MethodHandle setAttribute;
  private final MethodHandle isAsyncStarted;
  private final MethodHandle getAsyncContext;
  private final MethodHandle getStatus;
  private final MethodHandle isCommitted;
  private final MethodHandle addListener;
  private final MethodHandle eventThrowable;
  private final MethodHandle eventAsyncContext;
  /** Servlet 4+ only ({@code getHttpServletMapping}); null on older APIs. */
  private final MethodHandle getMapping;
  private final MethodHandle mappingPattern;
  private final MethodHandle mappingMatch;
  private final Class<?> asyncListener;

  /** The headers of an {@code HttpServletRequest}; repeated lines joined with commas, as HTTP combines them. */
  final TextMapGetter<Object> headers =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Object request) {
          List<String> names = new ArrayList<>();
          Enumeration<?> e = (Enumeration<?>) call(getHeaderNames, request);
          while (e != null && e.hasMoreElements()) {
            names.add(String.valueOf(e.nextElement()));
          }
          return names;
        }

        @Override
        public String get(Object request, String name) {
          Enumeration<?> e = request == null ? null : (Enumeration<?>) call(getHeaders, request, name);
          if (e == null || !e.hasMoreElements()) {
            return null;
          }
          String first = String.valueOf(e.nextElement());
          if (!e.hasMoreElements()) {
            return first;
          }
          StringBuilder all = new StringBuilder(first);
          while (e.hasMoreElements()) {
            all.append(',').append(e.nextElement());
          }
          return all.toString();
        }
      };

  private ServletApi() {
    prefix = null;
    getHeaders = getHeaderNames = getHeader = getMethod = getRequestUri = getQueryString = null;
    getScheme = getServerName = getServerPort = getRemoteAddr = getProtocol = getContextPath = null;
    getServletPath = getAttribute = setAttribute = isAsyncStarted = getAsyncContext = null;
    getStatus = isCommitted = addListener = eventThrowable = eventAsyncContext = null;
    getMapping = mappingPattern = mappingMatch = null;
    asyncListener = null;
  }

  private ServletApi(String prefix, Class<?> request) throws ReflectiveOperationException {
    this.prefix = prefix;
    ClassLoader loader = request.getClassLoader();
    Class<?> response = Class.forName(prefix + "http.HttpServletResponse", false, loader);
    Class<?> asyncContext = Class.forName(prefix + "AsyncContext", false, loader);
    Class<?> asyncEvent = Class.forName(prefix + "AsyncEvent", false, loader);
    asyncListener = Class.forName(prefix + "AsyncListener", false, loader);
    getHeaders = find(request, "getHeaders", Enumeration.class, String.class);
    getHeaderNames = find(request, "getHeaderNames", Enumeration.class);
    getHeader = find(request, "getHeader", String.class, String.class);
    getMethod = find(request, "getMethod", String.class);
    getRequestUri = find(request, "getRequestURI", String.class);
    getQueryString = find(request, "getQueryString", String.class);
    getScheme = find(request, "getScheme", String.class);
    getServerName = find(request, "getServerName", String.class);
    getServerPort = find(request, "getServerPort", int.class);
    getRemoteAddr = find(request, "getRemoteAddr", String.class);
    getProtocol = find(request, "getProtocol", String.class);
    getContextPath = find(request, "getContextPath", String.class);
    getServletPath = find(request, "getServletPath", String.class);
    getAttribute = find(request, "getAttribute", Object.class, String.class);
    setAttribute = find(request, "setAttribute", void.class, String.class, Object.class);
    isAsyncStarted = find(request, "isAsyncStarted", boolean.class);
    getAsyncContext = find(request, "getAsyncContext", asyncContext);
    getStatus = find(response, "getStatus", int.class);
    isCommitted = find(response, "isCommitted", boolean.class);
    addListener = find(asyncContext, "addListener", void.class, asyncListener);
    eventThrowable = find(asyncEvent, "getThrowable", Throwable.class);
    eventAsyncContext = find(asyncEvent, "getAsyncContext", asyncContext);
    MethodHandle mapping = null;
    MethodHandle pattern = null;
    MethodHandle match = null;
    try {
      Class<?> servletMapping = Class.forName(prefix + "http.HttpServletMapping", false, loader);
      Class<?> mappingMatchType = Class.forName(prefix + "http.MappingMatch", false, loader);
      mapping = find(request, "getHttpServletMapping", servletMapping);
      pattern = find(servletMapping, "getPattern", String.class);
      match = find(servletMapping, "getMappingMatch", mappingMatchType);
    } catch (ReflectiveOperationException e) {
      mapping = null; // Servlet 3.x: no mapping, so no route from it
    }
    getMapping = mapping;
    mappingPattern = pattern;
    mappingMatch = match;
  }

  /** The API of this request's class, or {@link #NONE}. */
  static ServletApi of(Object request) {
    return request == null ? NONE : BY_REQUEST_CLASS.get(request.getClass());
  }

  String header(Object request, String name) {
    return (String) call(getHeader, request, name);
  }

  String method(Object request) {
    return (String) call(getMethod, request);
  }

  String requestUri(Object request) {
    return (String) call(getRequestUri, request);
  }

  String queryString(Object request) {
    return (String) call(getQueryString, request);
  }

  String scheme(Object request) {
    return (String) call(getScheme, request);
  }

  String serverName(Object request) {
    return (String) call(getServerName, request);
  }

  int serverPort(Object request) {
    return (Integer) call(getServerPort, request);
  }

  String remoteAddr(Object request) {
    return (String) call(getRemoteAddr, request);
  }

  String protocol(Object request) {
    return (String) call(getProtocol, request);
  }

  Object attribute(Object request, String name) {
    return call(getAttribute, request, name);
  }

  void setAttribute(Object request, String name, Object value) {
    call(setAttribute, request, name, value);
  }

  boolean isAsyncStarted(Object request) {
    return (Boolean) call(isAsyncStarted, request);
  }

  int status(Object response) {
    return (Integer) call(getStatus, response);
  }

  boolean isCommitted(Object response) {
    return (Boolean) call(isCommitted, response);
  }

  Throwable eventThrowable(Object event) {
    return (Throwable) call(eventThrowable, event);
  }

  /**
   * The servlet mapping as a route prefix and pattern: {@code contextPath + pattern} for an exact,
   * path or extension mapping; null for the default servlet ({@code /}, whose pattern says nothing
   * about the path) and on Servlet 3.x.
   */
  String mappingRoute(Object request) {
    if (getMapping == null) {
      return null;
    }
    Object mapping = call(getMapping, request);
    if (mapping == null) {
      return null;
    }
    String match = String.valueOf(call(mappingMatch, mapping));
    String pattern = (String) call(mappingPattern, mapping);
    if (pattern == null || "DEFAULT".equals(match)) {
      return null;
    }
    if ("EXTENSION".equals(match)) {
      pattern = "/" + pattern; // *.jsp -> /*.jsp, a path like every other route
    }
    return contextPath(request) + pattern;
  }

  /**
   * The prefix a framework's own pattern (relative to its servlet) is appended to: the context
   * path, plus the servlet path when the servlet is mapped to a path ({@code /api/*}).
   */
  String frameworkPrefix(Object request) {
    String context = contextPath(request);
    if (getMapping != null) {
      Object mapping = call(getMapping, request);
      if (mapping != null && "PATH".equals(String.valueOf(call(mappingMatch, mapping)))) {
        String servletPath = (String) call(getServletPath, request);
        return servletPath == null ? context : context + servletPath;
      }
    }
    return context;
  }

  private String contextPath(Object request) {
    String c = (String) call(getContextPath, request);
    return c == null ? "" : c;
  }

  /** Registers an {@code AsyncListener} (a proxy of the application's interface) on the request's async context. */
  Object addAsyncListener(Object request, InvocationHandler handler) {
    Object listener = Proxy.newProxyInstance(asyncListener.getClassLoader(), new Class<?>[] {asyncListener}, handler);
    call(addListener, call(getAsyncContext, request), listener);
    return listener;
  }

  /** Registers the same listener again on a new async cycle ({@code onStartAsync}), as the spec asks. */
  void reAddListener(Object event, Object listener) {
    Object ctx = call(eventAsyncContext, event);
    if (ctx != null) {
      call(addListener, ctx, listener);
    }
  }

  // Exact invocations of the generic (all-Object) handles: no argument array, no spreading.
  private static Object call(MethodHandle h, Object a) {
    try {
      return (Object) h.invokeExact(a);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static Object call(MethodHandle h, Object a, Object b) {
    try {
      return (Object) h.invokeExact(a, b);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static Object call(MethodHandle h, Object a, Object b, Object c) {
    try {
      return (Object) h.invokeExact(a, b, c);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static MethodHandle find(Class<?> owner, String name, Class<?> ret, Class<?>... params)
      throws ReflectiveOperationException {
    MethodHandle h = MethodHandles.publicLookup().findVirtual(owner, name, MethodType.methodType(ret, params));
    return h.asType(h.type().generic());
  }

  /** The interface named {@code name} among the type's superclasses and superinterfaces. */
  static Class<?> findInterface(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().equals(name)) {
          return i;
        }
        Class<?> deeper = findInterface(i, name);
        if (deeper != null) {
          return deeper;
        }
      }
    }
    return null;
  }
}
