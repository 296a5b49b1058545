package io.coordscope.agent.instrument;

import io.coordscope.core.Selection;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;

/**
 * Types the agent never looks into: the JDK, the agent itself (by package and by code source, so
 * its own test fixtures outside the agent jar still match), and common large libraries that carry
 * no coordination annotations. Classes named in a method list are never ignored.
 */
final class IgnoredTypes {

  private static final String[] PREFIXES = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.graalvm.", "org.ietf.", "org.w3c.", "org.xml.",
    "io.coordscope.shaded.", "io.coordscope.agent.bootstrap.",
    // '#' for '.': the shade plugin would rewrite these constants to our relocated packages.
    unshaded("net#bytebuddy."), unshaded("io#opentelemetry."), unshaded("io#micrometer."),
    unshaded("io#prometheus."), unshaded("org#HdrHistogram."), unshaded("org#LatencyUtils."),
    unshaded("org#jspecify."),
    "kotlin.", "kotlinx.", "scala.", "groovy.", "org.codehaus.groovy.", "clojure.",
    "org.springframework.", "org.apache.", "org.hibernate.", "org.eclipse.", "org.jboss.", "io.netty.",
    "io.undertow.", "io.vertx.", "io.grpc.", "io.projectreactor.", "reactor.", "io.reactivex.",
    "com.fasterxml.", "com.google.", "org.slf4j.", "ch.qos.logback.", "org.yaml.", "com.zaxxer.",
    "org.junit.", "junit.", "org.assertj.", "org.mockito.", "org.gradle.", "org.jetbrains.", "com.intellij.",
    "lombok.",
    // API and library packages that never hold application coordination code; each class not
    // ignored is parsed to look for annotations, so every prefix here is start-up time saved.
    "jakarta.", "org.aopalliance.", "org.glassfish.", "org.objectweb.asm.", "org.checkerframework.",
    "org.osgi.", "org.bouncycastle.", "org.antlr.", "javassist.", "net.minidev.", "org.h2.", "org.hsqldb.",
    "org.postgresql.", "com.mysql.", "org.mariadb.", "oracle.jdbc.", "software.amazon.", "com.amazonaws."
  };

  /** Generated proxy and lambda classes: they copy no method annotations, so never match. */
  private static final String[] GENERATED = {"$$Lambda", "$$SpringCGLIB$$", "$$EnhancerBySpringCGLIB$$", "$$FastClassBySpringCGLIB$$",
    "$HibernateProxy$", "$ByteBuddy$"};

  private static String unshaded(String s) {
    return s.replace('#', '.');
  }

  private final Selection match;
  private final URL agentLocation;

  IgnoredTypes(Selection match, URL agentLocation) {
    this.match = match;
    this.agentLocation = agentLocation;
  }

  /** Whether the class named {@code name}, defined in {@code domain}, is never looked into. */
  boolean ignores(String name, ProtectionDomain domain) {
    if (match.methods().methodsByClass().containsKey(name) || match.kpiMethods().methodsByClass().containsKey(name)) {
      return false;
    }
    return hasIgnoredPrefix(name) || isAgentCode(domain);
  }

  /** JDK, agent, library, lambda and proxy classes, by name alone. */
  static boolean hasIgnoredPrefix(String name) {
    if (name.startsWith("$Proxy") || name.contains(".$Proxy")) {
      return true;
    }
    if (name.indexOf('$') >= 0) {
      for (String g : GENERATED) {
        if (name.contains(g)) {
          return true;
        }
      }
    }
    for (String p : PREFIXES) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private boolean isAgentCode(ProtectionDomain domain) {
    if (agentLocation == null || domain == null) {
      return false;
    }
    CodeSource cs = domain.getCodeSource();
    URL url = cs == null ? null : cs.getLocation();
    return url != null && url.toString().equals(agentLocation.toString());
  }
}
