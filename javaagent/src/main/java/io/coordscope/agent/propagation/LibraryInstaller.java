package io.coordscope.agent.propagation;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.coordscope.agent.instrument.AdviceHooks;
import io.coordscope.agent.instrument.http.ApacheAsyncAdvice;
import io.coordscope.agent.instrument.http.ApacheClassicAdvice;
import io.coordscope.agent.instrument.http.OkHttpAdvice;
import io.coordscope.agent.instrument.logging.Log4jContextDataAdvice;
import io.coordscope.agent.instrument.logging.LogbackMdcAdvice;
import java.util.List;

/**
 * Hooks in third-party libraries the application may carry: Apache HttpClient 5, OkHttp 4, Logback
 * and Log4j 2. Every type is matched by exact name (one prefix for HttpClient's async callbacks), so
 * an application without the library pays one hash lookup per loaded class ({@link HookedTypes}) and nothing else;
 * the advice is compiled against each library but only inlined where its classes are, and resolves
 * them in the application's own class loader.
 */
final class LibraryInstaller {

  static final String HC5_CLASSIC = "org.apache.hc.client5.http.impl.classic.InternalHttpClient";
  static final String HC5_CLASSIC_MINIMAL = "org.apache.hc.client5.http.impl.classic.MinimalHttpClient";
  static final String HC5_ASYNC = "org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient";
  static final String HC5_ASYNC_CALLBACK = "org.apache.hc.client5.http.async.AsyncExecCallback";
  static final String OKHTTP_CHAIN = "okhttp3.internal.http.RealInterceptorChain";
  static final String OKHTTP_CALL = "okhttp3.internal.connection.RealCall";
  static final String LOGBACK_EVENT = "ch.qos.logback.classic.spi.LoggingEvent";
  static final String LOG4J_INJECTOR = "org.apache.logging.log4j.core.impl.ThreadContextDataInjector$";

  private static final String[] LOG4J_INJECTORS = {
    LOG4J_INJECTOR + "ForDefaultThreadContextMap", LOG4J_INJECTOR + "ForGarbageFreeThreadContextMap",
    LOG4J_INJECTOR + "ForCopyOnWriteThreadContextMap"
  };

  /** Every class {@link #hooks} matches by exact name. */
  static final List<String> HOOKED =
      List.of(HC5_CLASSIC, HC5_CLASSIC_MINIMAL, HC5_ASYNC, OKHTTP_CHAIN, OKHTTP_CALL, LOGBACK_EVENT,
          LOG4J_INJECTORS[0], LOG4J_INJECTORS[1], LOG4J_INJECTORS[2]);

  /** And by prefix: HttpClient's async callbacks (nested classes, matched by their supertype). */
  static final String HC5_ASYNC_NESTED = HC5_ASYNC + '$';

  static final List<String> HOOKED_PREFIXES = List.of(HC5_ASYNC_NESTED);

  private LibraryInstaller() {}

  /** Adds the library hooks to the propagation's. */
  static AdviceHooks.Builder hooks(AdviceHooks.Builder hooks) {
    return hooks
        .type(namedOneOf(HC5_CLASSIC, HC5_CLASSIC_MINIMAL))
        .advice(named("doExecute").and(takesArguments(3)), ApacheClassicAdvice.class.getName())
        .type(named(HC5_ASYNC))
        .advice(named("executeImmediate").and(takesArguments(5)), ApacheAsyncAdvice.Execute.class.getName())
        .type(nameStartsWith(HC5_ASYNC_NESTED).and(hasSuperType(named(HC5_ASYNC_CALLBACK))))
        .advice(named("handleResponse").and(takesArguments(2)), ApacheAsyncAdvice.Response.class.getName())
        .advice(named("completed").and(takesArguments(0))
            .or(named("failed").and(takesArguments(1)).and(takesArgument(0, Exception.class))),
            ApacheAsyncAdvice.Complete.class.getName())
        .type(named(OKHTTP_CHAIN))
        .advice(named("proceed").and(takesArguments(1)), OkHttpAdvice.class.getName())
        .type(named(OKHTTP_CALL))
        .advice(named("enqueue").and(takesArguments(1)), OkHttpAdvice.Enqueue.class.getName())
        .type(named(LOGBACK_EVENT))
        .advice(named("getMDCPropertyMap").and(takesArguments(0)), LogbackMdcAdvice.class.getName())
        .type(namedOneOf(LOG4J_INJECTORS))
        .advice(named("injectContextData").and(takesArguments(2)), Log4jContextDataAdvice.class.getName());
  }
}
