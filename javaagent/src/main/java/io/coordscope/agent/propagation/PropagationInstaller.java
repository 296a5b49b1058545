package io.coordscope.agent.propagation;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.coordscope.agent.bootstrap.Bridge;
import io.coordscope.agent.instrument.executor.TaskArgumentHooks;
import io.coordscope.agent.instrument.executor.TaskArgumentHooks.Task;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Installs trace-context propagation: the handler behind the bridge, and two transformers for the
 * classes it hooks, each behind a filter that matches by exact name ({@link HookedTypes} looks
 * nothing else up): the executors' hooks, written with ASM alone ({@link TaskArgumentHooks}), and
 * the HTTP and logging hooks, Byte Buddy advice set up on the first class they hook, so start-up
 * pays for Byte Buddy only if the application loads one. The handler is built with the first
 * hooked class of either kind. The JDK modules
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

  /** Every class {@link #byteBuddy()} matches: its filter passes these names only. */
  static final List<String> HOOKED =
      List.of(HTTP_CLIENT_IMPL, URL_CONNECTION_IMPL, HTTP_SERVER_IMPL, JAKARTA_HTTP_SERVLET, JAVAX_HTTP_SERVLET,
          TOMCAT_FILTER_CHAIN);

  /** Every class {@link #taskHooks()} rewrites: its filter passes these names only. */
  static final List<String> TASK_HOOKED =
      List.of(TPE, CF_THREAD_PER_TASK, STPE, FJP, VIRTUAL_THREAD, TOMCAT_ASYNC_CONTEXT);

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
    readBridge(inst, "java.base", "java.net.http", "jdk.httpserver");
    // The handler is built with Byte Buddy, on the first hooked class: only advice in a hooked
    // class calls it, and building it (the propagators, OpenTelemetry's java.util.logging, the
    // handler's steps) was a fifth of premain for an application that may never load one.
    // (A class, not a lambda: in premain a lambda is linked at its first use, a class generated.)
    HandlerOnce handler = new HandlerOnce(tracer, propagators, stats, agentLocation);
    // Two filters: the executors' hooks need no Byte Buddy (TaskArgumentHooks), so an application
    // whose first hooked class is an executor (Spring Boot: ThreadPoolExecutor) does not set Byte
    // Buddy up for it.
    HookedTypes tasks = new HookedTypes(TASK_HOOKED, List.of(), new Supplier<>() {
      @Override
      public ClassFileTransformer get() {
        handler.install();
        return taskHooks();
      }
    });
    HookedTypes others = new HookedTypes(hookedNames(), LibraryInstaller.HOOKED_PREFIXES, new Supplier<>() {
      @Override
      public ClassFileTransformer get() {
        handler.install();
        return byteBuddy();
      }
    });
    inst.addTransformer(tasks, true);
    inst.addTransformer(others, true);
    // Hooked classes loaded before the filters (the JDK's executors by the telemetry thread, virtual
    // threads on JDK 21+, anything at a runtime attach): the JVM hands them to the filters again.
    int loaded = LoadedClasses.retransform(inst, new java.util.function.Predicate<Class<?>>() {
      @Override
      public boolean test(Class<?> c) {
        return tasks.isHookedClass(c.getName()) || others.isHookedClass(c.getName());
      }
    }, stats);
    AgentLog.debug("propagation installed in " + (System.nanoTime() - t0) / 1_000_000 + " ms (" + loaded
        + " hooked classes already loaded" + (others.isSetUp() ? "" : "; Byte Buddy set up on the first class it hooks")
        + "): JDK HttpClient, HttpURLConnection, HttpServer, servlets, executors; Apache HttpClient 5, OkHttp 4, Logback, Log4j 2 when present");
  }

  /**
   * The propagation handler, built by whichever filter's set-up runs first: only a hooked class
   * calls it, and building it (the propagators, OpenTelemetry's java.util.logging, the handler's
   * steps) was a fifth of premain for an application that may never load one.
   */
  private static final class HandlerOnce {
    private final Tracer tracer;
    private final List<String> propagators;
    private final AgentStats stats;
    private final URL agentLocation;
    private boolean installed;

    HandlerOnce(Tracer tracer, List<String> propagators, AgentStats stats, URL agentLocation) {
      this.tracer = tracer;
      this.propagators = propagators;
      this.stats = stats;
      this.agentLocation = agentLocation;
    }

    synchronized void install() {
      if (!installed) {
        Bridge.installPropagation(new Propagation(tracer, PropagatorsFactory.create(propagators), stats, agentLocation));
        installed = true;
      }
    }
  }

  /** The executors' hooks: each replaces the task argument with the bridge's wrapper (no Byte Buddy). */
  static TaskArgumentHooks taskHooks() {
    Set<String> execute = Set.of("execute");
    Set<String> schedule = Set.of("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");
    return TaskArgumentHooks.builder()
        .hook(TOMCAT_ASYNC_CONTEXT, Set.of("start"), 1, 0, Task.RUNNABLE)
        .hook(TPE, execute, 1, 0, Task.RUNNABLE)
        .hook(CF_THREAD_PER_TASK, execute, 1, 0, Task.RUNNABLE)
        .hook(STPE, schedule, -1, 0, Task.RUNNABLE)
        .hook(STPE, Set.of("schedule"), -1, 0, Task.CALLABLE)
        .hook(FJP, Set.of("execute", "submit", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"), -1, 0, Task.RUNNABLE)
        .hook(FJP, Set.of("submit", "schedule", "submitWithTimeout"), -1, 0, Task.CALLABLE)
        .hook(FJP, Set.of("invokeAll", "invokeAllUninterruptibly"), -1, 0, Task.CALLABLES)
        .hook(VIRTUAL_THREAD, Set.of("<init>"), 4, 3, Task.RUNNABLE)
        .build();
  }

  /** The JDK's and the libraries' hooked classes for {@link #byteBuddy()}, by exact name. */
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
            .advice(named("doFilter").and(isPublic()).and(takesArguments(2)), ServletAdvice.class.getName());
    ClassFileTransformer t = LibraryInstaller.hooks(hooks).build();
    AgentLog.debug("propagation: Byte Buddy set up on the first hooked class in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    return t;
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
