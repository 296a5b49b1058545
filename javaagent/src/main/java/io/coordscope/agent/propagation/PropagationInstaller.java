package io.coordscope.agent.propagation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.coordscope.agent.bootstrap.Bridge;
import io.coordscope.agent.instrument.executor.ExecutorAdvice;
import io.coordscope.agent.instrument.http.JdkHttpClientAdvice;
import io.coordscope.agent.instrument.http.JdkHttpServerAdvice;
import io.coordscope.agent.instrument.http.ServletAdvice;
import io.coordscope.agent.instrument.http.UrlConnectionAdvice;
import io.coordscope.agent.log.AgentLog;
import io.coordscope.agent.registry.AgentStats;
import io.opentelemetry.api.trace.Tracer;
import io.coordscope.agent.instrument.AdviceHooks;
import io.coordscope.agent.instrument.LoadedClasses;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Installs trace-context propagation: the handler behind the bridge, and one transformer for the
 * classes it hooks, matched by exact name ({@link HookedTypes} looks nothing else up; Byte Buddy is
 * set up on the first hooked class the JVM loads, so start-up pays for it only if one is). The JDK modules
 * holding those classes are made to read the bootstrap class path's unnamed module, where the
 * bridge lives, or the inlined advice could not link.
 */
public final class PropagationInstaller {

  static final String HTTP_CLIENT_IMPL = "jdk.internal.net.http.HttpClientImpl";
  static final String HTTP_SERVER_IMPL = "sun.net.httpserver.ServerImpl";
  static final String URL_CONNECTION_IMPL = "sun.net.www.protocol.http.HttpURLConnection";
  static final String TPE = "java.util.concurrent.ThreadPoolExecutor";
  static final String STPE = "java.util.concurrent.ScheduledThreadPoolExecutor";
  static final String FJP = "java.util.concurrent.ForkJoinPool";
  /** Where {@code CompletableFuture} runs async stages when the common pool has a single thread. */
  static final String CF_THREAD_PER_TASK = "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor";
  static final String VIRTUAL_THREAD = "java.lang.VirtualThread";
  /** Servlet entries; the outermost one of a request owns its SERVER span (ServletServerTracing). */
  static final String JAKARTA_HTTP_SERVLET = "jakarta.servlet.http.HttpServlet";
  static final String JAVAX_HTTP_SERVLET = "javax.servlet.http.HttpServlet";
  static final String TOMCAT_FILTER_CHAIN = "org.apache.catalina.core.ApplicationFilterChain";
  /** Tomcat runs {@code AsyncContext.start(Runnable)} on its own pool, which is no JDK executor. */
  static final String TOMCAT_ASYNC_CONTEXT = "org.apache.catalina.core.AsyncContextImpl";

  /** Every class {@link #byteBuddy()} matches: the filter passes these names only. */
  static final List<String> HOOKED =
      List.of(HTTP_CLIENT_IMPL, URL_CONNECTION_IMPL, HTTP_SERVER_IMPL, JAKARTA_HTTP_SERVLET, JAVAX_HTTP_SERVLET,
          TOMCAT_FILTER_CHAIN, TOMCAT_ASYNC_CONTEXT, TPE, CF_THREAD_PER_TASK, STPE, FJP, VIRTUAL_THREAD);

  private PropagationInstaller() {}

  public static void install(
      List<String> propagators, Instrumentation inst, Tracer tracer, AgentStats stats, URL agentLocation) {
    try {
      installOrThrow(propagators, inst, tracer, stats, agentLocation);
    } catch (Throwable t) {
      Bridge.installPropagation(null);
      AgentLog.warn("trace context propagation disabled: its instrumentation could not be installed", t);
    }
  }

  private static void installOrThrow(
      List<String> propagators, Instrumentation inst, Tracer tracer, AgentStats stats, URL agentLocation) {
    long t0 = System.nanoTime();
    Bridge.installPropagation(new Propagation(tracer, PropagatorsFactory.create(propagators), stats, agentLocation));
    readBridge(inst, "java.base", "java.net.http", "jdk.httpserver");
    HookedTypes filter = new HookedTypes(hookedNames(), LibraryInstaller.HOOKED_PREFIXES, PropagationInstaller::byteBuddy);
    inst.addTransformer(filter, true);
    // Hooked classes loaded before the filter (the JDK's executors by the telemetry thread, virtual
    // threads on JDK 21+, anything at a runtime attach): the JVM hands them to the filter again.
    int loaded = LoadedClasses.retransform(inst, c -> filter.isHookedClass(c.getName()), stats);
    AgentLog.debug("propagation installed in " + (System.nanoTime() - t0) / 1_000_000 + " ms (" + loaded
        + " hooked classes already loaded" + (filter.isSetUp() ? "" : "; Byte Buddy set up on the first hooked class")
        + "): JDK HttpClient, HttpURLConnection, HttpServer, servlets, executors; Apache HttpClient 5, OkHttp 4, Logback, Log4j 2 when present");
  }

  /** The JDK's and the libraries' hooked classes, by exact name. */
  static List<String> hookedNames() {
    List<String> names = new ArrayList<>(HOOKED);
    names.addAll(LibraryInstaller.HOOKED);
    return names;
  }

  /** The Byte Buddy transformer behind the filter, built on the first hooked class. */
  private static ClassFileTransformer byteBuddy() {
    long t0 = System.nanoTime();
    // Every hooked class is described from the class file the JVM passes, also one being
    // retransformed (AdviceHooks): described by reflection, java.lang.VirtualThread loaded
    // ForkJoinPool inside the transformation, which then passed it through unchanged (no executor
    // propagation on JDK 25).
    AdviceHooks.Builder hooks =
        AdviceHooks.builder("propagation", PropagationInstaller.class.getClassLoader())
            .type(named(HTTP_CLIENT_IMPL))
            .advice(named("sendAsync").and(takesArguments(4)), JdkHttpClientAdvice.class.getName())
            .type(named(URL_CONNECTION_IMPL))
            .advice(namedOneOf("connect", "getOutputStream", "getInputStream").and(takesArguments(0)),
                UrlConnectionAdvice.class.getName())
            .type(named(HTTP_SERVER_IMPL))
            .advice(named("createContext"), JdkHttpServerAdvice.class.getName())
            .type(namedOneOf(JAKARTA_HTTP_SERVLET, JAVAX_HTTP_SERVLET))
            .advice(named("service").and(isPublic()).and(takesArguments(2))
                .and(takesArgument(0, namedOneOf("jakarta.servlet.ServletRequest", "javax.servlet.ServletRequest"))),
                ServletAdvice.class.getName())
            .type(named(TOMCAT_FILTER_CHAIN))
            .advice(named("doFilter").and(isPublic()).and(takesArguments(2)), ServletAdvice.class.getName())
            .type(named(TOMCAT_ASYNC_CONTEXT))
            .advice(named("start").and(takesArguments(Runnable.class)), runnable())
            .type(namedOneOf(TPE, CF_THREAD_PER_TASK))
            .advice(named("execute").and(takesArguments(Runnable.class)), runnable())
            .type(named(STPE))
            .advice(namedOneOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay")
                .and(takesArgument(0, Runnable.class)), runnable())
            .advice(named("schedule").and(takesArgument(0, Callable.class)), callable())
            .type(named(FJP))
            .advice(namedOneOf("execute", "submit", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay")
                .and(takesArgument(0, Runnable.class)), runnable())
            .advice(namedOneOf("submit", "schedule", "submitWithTimeout").and(takesArgument(0, Callable.class)), callable())
            .advice(namedOneOf("invokeAll", "invokeAllUninterruptibly").and(takesArgument(0, Collection.class)),
                ExecutorAdvice.CallablesArg.class.getName())
            .type(named(VIRTUAL_THREAD))
            .advice(isConstructor().and(takesArguments(4)).and(takesArgument(3, Runnable.class)),
                ExecutorAdvice.VirtualThreadTask.class.getName());
    ClassFileTransformer t = LibraryInstaller.hooks(hooks).build();
    AgentLog.debug("propagation: Byte Buddy set up on the first hooked class in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    return t;
  }

  private static String runnable() {
    return ExecutorAdvice.RunnableArg.class.getName();
  }

  private static String callable() {
    return ExecutorAdvice.CallableArg.class.getName();
  }

  /** Lets the named JDK modules (those present) read the module the bridge classes are in. */
  static void readBridge(Instrumentation inst, String... modules) {
    Module bridge = Bridge.class.getModule();
    for (String name : modules) {
      ModuleLayer.boot().findModule(name).ifPresent(
          m -> inst.redefineModule(m, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of()));
    }
  }
}
