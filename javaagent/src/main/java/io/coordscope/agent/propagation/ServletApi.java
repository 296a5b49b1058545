package io.coordscope.agent.propagation;

import io.opentelemetry.context.propagation.TextMapGetter;
import static io.coordscope.agent.propagation.ForeignApi.call;
import static io.coordscope.agent.propagation.ForeignApi.generic;

import java.lang.invoke.MethodHandle;
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
    Class<?> response = ForeignApi.load(loader, prefix + "http.HttpServletResponse");
    Class<?> asyncContext = ForeignApi.load(loader, prefix + "AsyncContext");
    Class<?> asyncEvent = ForeignApi.load(loader, prefix + "AsyncEvent");
    asyncListener = ForeignApi.load(loader, prefix + "AsyncListener");
    getHeaders = generic(request, "getHeaders", Enumeration.class, String.class);
    getHeaderNames = generic(request, "getHeaderNames", Enumeration.class);
    getHeader = generic(request, "getHeader", String.class, String.class);
    getMethod = generic(request, "getMethod", String.class);
    getRequestUri = generic(request, "getRequestURI", String.class);
    getQueryString = generic(request, "getQueryString", String.class);
    getScheme = generic(request, "getScheme", String.class);
    getServerName = generic(request, "getServerName", String.class);
    getServerPort = generic(request, "getServerPort", int.class);
    getRemoteAddr = generic(request, "getRemoteAddr", String.class);
    getProtocol = generic(request, "getProtocol", String.class);
    getContextPath = generic(request, "getContextPath", String.class);
    getServletPath = generic(request, "getServletPath", String.class);
    getAttribute = generic(request, "getAttribute", Object.class, String.class);
    setAttribute = generic(request, "setAttribute", void.class, String.class, Object.class);
    isAsyncStarted = generic(request, "isAsyncStarted", boolean.class);
    getAsyncContext = generic(request, "getAsyncContext", asyncContext);
    getStatus = generic(response, "getStatus", int.class);
    isCommitted = generic(response, "isCommitted", boolean.class);
    addListener = generic(asyncContext, "addListener", void.class, asyncListener);
    eventThrowable = generic(asyncEvent, "getThrowable", Throwable.class);
    eventAsyncContext = generic(asyncEvent, "getAsyncContext", asyncContext);
    MethodHandle mapping = null;
    MethodHandle pattern = null;
    MethodHandle match = null;
    try {
      Class<?> servletMapping = ForeignApi.load(loader, prefix + "http.HttpServletMapping");
      Class<?> mappingMatchType = ForeignApi.load(loader, prefix + "http.MappingMatch");
      mapping = generic(request, "getHttpServletMapping", servletMapping);
      pattern = generic(servletMapping, "getPattern", String.class);
      match = generic(servletMapping, "getMappingMatch", mappingMatchType);
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
