package io.coordscope.agent;

import io.coordscope.agent.log.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.ProtectionDomain;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Puts the agent's bridge classes ({@code io.coordscope.agent.bootstrap.*}) into the bootstrap
 * class loader: advice is inlined into classes of any class loader, and the bootstrap loader is the
 * one every loader can see. The classes are defined there directly, from the agent's own jar, with
 * the JDK's internal {@code Unsafe.defineClass} (its package opened to the agent through
 * {@link Instrumentation#redefineModule}), so the bootstrap search path is never appended to:
 * appending makes the JVM print "Sharing is only supported for boot loader classes because
 * bootstrap classpath has been appended" and turns class-data sharing off for every class of the
 * platform and application loaders, which slows every start-up. Only if that is impossible (a JDK
 * without it) are they written to a small temporary jar appended to the search path, as before.
 * Must run before anything references those classes, or the system class loader would define a
 * second, unreachable copy.
 */
final class BootstrapInjector {

  static final String PACKAGE_PATH = "io/coordscope/agent/bootstrap/";
  /**
   * The class files of {@link #PACKAGE_PATH}, looked up by name: walking the jar's directory for
   * them visited its 6,000 entries on the path to {@code main} (tens of milliseconds, interpreted).
   * {@code BootstrapInjectorTest} fails when this list and the package differ.
   */
  static final List<String> CLASS_FILES =
      List.of("Bridge.class", "OperationHandler.class", "OperationHandler$1.class", "PropagationHandler.class",
          "PropagationHandler$1.class");
  private static final String UNSAFE_PACKAGE = "jdk.internal.misc";

  private BootstrapInjector() {}

  /**
   * @return how the classes got there: {@code "defined"} directly, or the temporary jar appended to
   *     the bootstrap search path
   */
  static String inject(Instrumentation inst, URL agentLocation) throws IOException {
    Map<String, byte[]> classes = read(agentLocation);
    if (classes.isEmpty()) {
      throw new IOException("no " + PACKAGE_PATH + " classes found in " + agentLocation);
    }
    try {
      define(inst, classes);
      return "defined";
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      AgentLog.debug("bridge classes not defined directly (" + e + "); appending them to the bootstrap class path");
      return append(inst, classes).toString();
    }
  }

  /**
   * Defines every class in the bootstrap loader. A class whose supertype is not defined yet fails
   * with {@link NoClassDefFoundError} and is retried after the others, so the order in the jar
   * does not matter.
   */
  static void define(Instrumentation inst, Map<String, byte[]> classes) throws ReflectiveOperationException {
    Module javaBase = Object.class.getModule();
    inst.redefineModule(javaBase, Set.of(), Map.of(), Map.of(UNSAFE_PACKAGE, Set.of(BootstrapInjector.class.getModule())),
        Set.of(), Map.of());
    Class<?> unsafeClass = Class.forName(UNSAFE_PACKAGE + ".Unsafe");
    Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
    Method defineClass = unsafeClass.getMethod(
        "defineClass", String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class);
    defineClass.setAccessible(true);
    Map<String, byte[]> pending = new TreeMap<>(classes);
    while (!pending.isEmpty()) {
      int before = pending.size();
      Throwable last = null;
      for (Iterator<Map.Entry<String, byte[]>> it = pending.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, byte[]> e = it.next();
        String name = e.getKey().substring(0, e.getKey().length() - ".class".length()).replace('/', '.');
        byte[] b = e.getValue();
        try {
          defineClass.invoke(unsafe, name, b, 0, b.length, null, null);
          it.remove();
        } catch (InvocationTargetException ex) {
          if (!(ex.getCause() instanceof NoClassDefFoundError)) {
            throw ex;
          }
          last = ex.getCause();
        }
      }
      if (pending.size() == before) {
        throw new IllegalStateException("cannot define " + pending.keySet() + " in the bootstrap loader", last);
      }
    }
  }

  /** The fallback: a temporary jar (deleted on exit) on the bootstrap search path. */
  private static Path append(Instrumentation inst, Map<String, byte[]> classes) throws IOException {
    Path jar = Files.createTempFile("coordscope-bootstrap-", ".jar");
    jar.toFile().deleteOnExit();
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jos = new JarOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : classes.entrySet()) {
        JarEntry entry = new JarEntry(e.getKey());
        entry.setTime(0L);
        jos.putNextEntry(entry);
        jos.write(e.getValue());
        jos.closeEntry();
      }
    }
    inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    return jar;
  }

  /**
   * Class files of the bootstrap package, from the agent jar ({@link #CLASS_FILES}) or (in tests)
   * every one in a classes directory.
   */
  static Map<String, byte[]> read(URL agentLocation) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    Path path;
    try {
      path = Paths.get(agentLocation.toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("agent location " + agentLocation + " is not a file", e);
    }
    if (Files.isDirectory(path)) {
      Path dir = path.resolve(PACKAGE_PATH);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (f.toString().endsWith(".class")) {
            out.put(PACKAGE_PATH + f.getFileName(), Files.readAllBytes(f));
          }
        }
      }
      return out;
    }
    try (JarFile jf = new JarFile(path.toFile(), false)) {
      for (String file : CLASS_FILES) {
        JarEntry e = jf.getJarEntry(PACKAGE_PATH + file);
        if (e == null) {
          throw new IOException("no " + PACKAGE_PATH + file + " in " + agentLocation);
        }
        try (InputStream in = jf.getInputStream(e)) {
          out.put(e.getName(), in.readAllBytes());
        }
      }
    }
    return out;
  }
}
