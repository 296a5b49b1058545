package io.coordscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isExtensionClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.coordscope.agent.log.AgentLog;
import io.coordscope.agent.registry.AgentStats;
import io.coordscope.agent.registry.MethodRegistry;
import io.coordscope.core.Selection;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.util.Set;
import java.util.function.Supplier;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Installs the Byte Buddy transformer behind a {@link CandidateFilter}, which hands it only the
 * classes that can match. The filter is registered as able to retransform, so classes loaded before
 * a runtime attach are instrumented too; class format changes are off, so retransformation is
 * allowed.
 */
public final class Instrumenter {

  private Instrumenter() {}

  /**
   * @param agentLocation the agent's own code source (classes from it are never instrumented); null
   *     when unknown
   * @return the installed transformer
   */
  public static ClassFileTransformer install(
      Instrumentation inst, Selection match, MethodRegistry registry, AgentStats stats, URL agentLocation) {
    return install(inst, match, registry, stats, agentLocation, true, new SelectionProgress(match));
  }

  /**
   * @param retransformLoaded also instrument the classes already loaded (a runtime attach); at
   *     {@code -javaagent} start-up only JDK and agent classes are loaded, which are never
   *     instrumented, so walking them would only cost start-up time
   * @param progress told what gets instrumented, for the first minute's messages
   */
  public static ClassFileTransformer install(
      Instrumentation inst,
      Selection match,
      MethodRegistry registry,
      AgentStats stats,
      URL agentLocation,
      boolean retransformLoaded,
      SelectionProgress progress) {
    if (AgentLog.isDebug()) {
      // Only then: Selection.toString (core, compiled with invokedynamic string concatenation)
      // spun a dozen method-handle classes in every premain, ~30 ms.
      AgentLog.debug("matching " + match);
    }
    disableNexus();
    // Byte Buddy only sees the classes the filter passes; the filter is what the JVM calls, and
    // it sets Byte Buddy up on the first class that can match.
    // A class, not a lambda: in premain every lambda is linked at its first use (a class generated
    // and defined, its method handles spun), while a small class is only read from the jar.
    Supplier<ClassFileTransformer> byteBuddy =
        new Supplier<>() {
          @Override
          public ClassFileTransformer get() {
            return byteBuddy(match, registry, stats, agentLocation, progress);
          }
        };
    CandidateFilter filter = new CandidateFilter(match, byteBuddy);
    inst.addTransformer(filter, true);
    if (retransformLoaded) {
      // The loaded classes the filter may pass by name; it reads their constant pool as at load time.
      LoadedClasses.retransform(inst, c -> filter.isCandidateByName(c.getClassLoader(), c.getName()), stats);
    }
    return filter;
  }

  private static ClassFileTransformer byteBuddy(
      Selection match, MethodRegistry registry, AgentStats stats, URL agentLocation, SelectionProgress progress) {
    Set<String> includedClasses = match.includedClasses();
    ElementMatcher.Junction<MethodDescription> selected =
        isAnnotatedWith(namedOneOf(match.operationAnnotations().toArray(new String[0])))
            .or(isAnnotatedWith(namedOneOf(match.kpiAnnotations().toArray(new String[0]))));
    ElementMatcher.Junction<TypeDescription> types = declaresMethod(selected);
    if (!includedClasses.isEmpty()) {
      types = types.or(namedOneOf(includedClasses.toArray(new String[0])));
    }
    ElementMatcher.Junction<ClassLoader> loaders = not(isBootstrapClassLoader()).and(not(isExtensionClassLoader()));
    if (match.onlyOwnAnnotations()) {
      loaders = loaders.and(new SeesAnnotations());
    }
    long t0 = System.nanoTime();
    ClassFileTransformer t =
        new CoordinationTransformer(match, registry, stats, progress, new IgnoredTypes(match, agentLocation), types, loaders);
    AgentLog.debug("Byte Buddy set up for the first class that can match in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    return t;
  }

  /**
   * The agent never injects classes (no class format changes, no initializers), but the builder's
   * default initialization strategy would probe Byte Buddy's "nexus" at construction, and that
   * probe touches {@code sun.misc.Unsafe}, which JDK 24+ reports on stderr. The property name is
   * relocated with Byte Buddy in the shaded jar, so it never affects an application's own copy.
   */
  private static void disableNexus() {
    String key = "net.bytebuddy.nexus.disabled";
    if (System.getProperty(key) == null) {
      System.setProperty(key, "true");
    }
  }
}
