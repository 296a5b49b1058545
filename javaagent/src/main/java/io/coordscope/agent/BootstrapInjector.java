package io.coordscope.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Puts the agent's bridge classes ({@code io.coordscope.agent.bootstrap.*}) on the bootstrap class
 * path: advice is inlined into classes of any class loader, and the bootstrap loader is the one
 * every loader can see. The classes are copied from the agent's own jar into a small temporary
 * jar (deleted on exit). Must run before anything references those classes, or the system class
 * loader would define a second, unreachable copy.
 */
final class BootstrapInjector {

  static final String PACKAGE_PATH = "io/coordscope/agent/bootstrap/";

  private BootstrapInjector() {}

  /** @return the temporary jar appended to the bootstrap search path */
  static Path inject(Instrumentation inst, URL agentLocation) throws IOException {
    Map<String, byte[]> classes = read(agentLocation);
    if (classes.isEmpty()) {
      throw new IOException("no " + PACKAGE_PATH + " classes found in " + agentLocation);
    }
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

  /** Class files under the bootstrap package, from the agent jar or (in tests) a classes directory. */
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
      Enumeration<JarEntry> entries = jf.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        String name = e.getName();
        if (name.startsWith(PACKAGE_PATH) && name.endsWith(".class") && name.indexOf('/', PACKAGE_PATH.length()) < 0) {
          try (InputStream in = jf.getInputStream(e)) {
            out.put(name, in.readAllBytes());
          }
        }
      }
    }
    return out;
  }
}
