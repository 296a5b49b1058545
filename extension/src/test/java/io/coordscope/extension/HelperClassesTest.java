package io.coordscope.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.core.Selection;
import io.coordscope.extension.runtime.Coordination;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Without muzzle code generation, a helper class missing from the list means spans silently
 * vanish: every class of the core and of the runtime package must be listed, and nothing else.
 */
class HelperClassesTest {

  @Test
  void everyCoreAndRuntimeClassIsAHelper() throws Exception {
    Set<String> built = new TreeSet<>();
    built.addAll(classesUnder(Selection.class, "io/coordscope/core/"));
    built.addAll(classesUnder(Coordination.class, "io/coordscope/extension/runtime/"));
    built.remove("io.coordscope.core.package-info");

    assertThat(new TreeSet<>(HelperClasses.NAMES)).isEqualTo(built);
    assertThat(HelperClasses.NAMES).doesNotHaveDuplicates();
  }

  @Test
  void aClassComesAfterTheHelpersItExtends() {
    List<String> names = HelperClasses.NAMES;
    assertThat(names.indexOf("io.coordscope.extension.runtime.ExtensionTelemetry$PerClass"))
        .isLessThan(names.indexOf("io.coordscope.extension.runtime.ExtensionTelemetry"));
  }

  private static Set<String> classesUnder(Class<?> anchor, String prefix) throws IOException, URISyntaxException {
    Path where = Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> out = new TreeSet<>();
    if (Files.isDirectory(where)) {
      try (Stream<Path> files = Files.walk(where.resolve(prefix))) {
        files.filter(p -> p.toString().endsWith(".class"))
            .forEach(p -> out.add(name(where.relativize(p).toString().replace('\\', '/'))));
      }
    } else {
      try (JarFile jar = new JarFile(where.toFile())) {
        for (JarEntry e : Collections.list(jar.entries())) {
          if (e.getName().startsWith(prefix) && e.getName().endsWith(".class")) {
            out.add(name(e.getName()));
          }
        }
      }
    }
    return out;
  }

  private static String name(String path) {
    return path.substring(0, path.length() - ".class".length()).replace('/', '.');
  }
}
