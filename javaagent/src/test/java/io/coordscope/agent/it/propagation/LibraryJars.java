package io.coordscope.agent.it.propagation;

import io.coordscope.agent.it.support.ForkedJvm;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The jars of third-party libraries (from the test class path, versions pinned in the parent pom)
 * that a forked application needs beside its test classes: never the agent's own dependencies.
 */
final class LibraryJars {

  static final String[] HTTPCLIENT5 = {
    "org.apache.hc.client5.http.impl.classic.HttpClients",
    "org.apache.hc.core5.http.HttpRequest",
    "org.apache.hc.core5.http2.HttpVersionPolicy",
    "org.slf4j.LoggerFactory",
  };
  static final String[] OKHTTP = {"okhttp3.OkHttpClient", "okio.Buffer", "kotlin.jvm.internal.Intrinsics"};
  static final String[] SPRING_WEB = {
    "org.springframework.web.client.RestClient",
    "org.springframework.util.Assert",
    "org.springframework.beans.BeanUtils",
    "org.apache.commons.logging.LogFactory",
    "io.micrometer.observation.ObservationRegistry",
    "io.micrometer.common.KeyValue",
  };
  static final String[] LOGBACK = {
    "ch.qos.logback.classic.Logger", "ch.qos.logback.core.Appender", "org.slf4j.LoggerFactory",
  };
  static final String[] LOG4J = {"org.apache.logging.log4j.core.Logger", "org.apache.logging.log4j.LogManager"};

  private LibraryJars() {}

  /** Adds the jar of each named class (each jar once) to the forked JVM's class path. */
  static ForkedJvm add(ForkedJvm jvm, String[]... groups) {
    Set<Path> jars = new LinkedHashSet<>();
    for (String[] group : groups) {
      for (String name : group) {
        jars.add(jarOf(name));
      }
    }
    jars.forEach(jvm::extraClassPath);
    return jvm;
  }

  private static Path jarOf(String className) {
    try {
      Class<?> c = Class.forName(className, false, LibraryJars.class.getClassLoader());
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (ClassNotFoundException | URISyntaxException e) {
      throw new IllegalStateException("test class path lacks " + className + " (javaagent/pom.xml test dependencies)", e);
    }
  }
}
