package io.coordscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bridge classes the agent jar is read for by name are exactly those of the bootstrap package. */
class BootstrapInjectorTest {

  @Test
  void theNamedClassFilesAreTheWholeBootstrapPackage() throws Exception {
    URL classes = CoordscopeAgent.class.getProtectionDomain().getCodeSource().getLocation();
    assertThat(Path.of(classes.toURI())).as("the agent's classes directory").isDirectory();
    assertThat(BootstrapInjector.read(classes).keySet())
        .as("BootstrapInjector.CLASS_FILES must list every class file of " + BootstrapInjector.PACKAGE_PATH)
        .containsExactlyInAnyOrderElementsOf(
            BootstrapInjector.CLASS_FILES.stream().map(f -> BootstrapInjector.PACKAGE_PATH + f).toList());
  }
}
