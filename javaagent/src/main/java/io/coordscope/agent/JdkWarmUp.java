package io.coordscope.agent;

import java.io.IOException;
import java.io.InputStream;

/**
 * Initializes, before any transformer of ours is installed, the JDK code that class-file
 * transformers use while a class is being loaded: reading a JDK class file through the
 * {@code jrt:} protocol. Its first use links lambdas; if that first use happens inside a
 * transformer that runs while {@code java.lang.invoke} itself is loading a class, the JVM throws
 * {@code ClassCircularityError} and the application dies. The upstream OpenTelemetry agent,
 * attached after us, did exactly that ({@code java/lang/invoke/MethodHandle$1}) in the
 * coexistence test.
 */
final class JdkWarmUp {

  private JdkWarmUp() {}

  static void run() {
    try (InputStream in = ClassLoader.getSystemResourceAsStream("java/lang/Object.class")) {
      if (in != null) {
        in.read();
      }
    } catch (IOException | RuntimeException e) {
      // Best effort: without it we are no worse off.
    }
  }
}
