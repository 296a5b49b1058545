package io.coordscope.extension.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.DispatcherApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.support.OtlpReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The convenience distribution: the upstream agent with our extension in its {@code extensions/}
 * folder works with no extension flag, and is built reproducibly.
 */
class DistributionIT {

  @Test
  void oneJarNoFlag() throws Exception {
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int port = HeldApp.freePort();
      ForkedJvm jvm =
          UpstreamAgent.fork(UpstreamAgent.distributionJar(), rx, port)
              .sysProp("app.hold", "true")
              .main(DispatcherApp.class, Integer.toString(ExtensionIT.OK), Integer.toString(ExtensionIT.FAILING));
      try (HeldApp app = HeldApp.start(jvm, DispatcherApp.READY, ExtensionIT.START)) {
        Exposition m = Exposition.parse(app.get("http://127.0.0.1:" + port + "/metrics", "text/plain; version=0.0.4"));
        assertThat(m.value(ExtensionIT.COUNT, Exposition.op("work.claim", "claim", "success", "")))
            .isEqualTo(ExtensionIT.OK);
        ExtensionIT.assertSpans(rx.awaitSpans(ExtensionIT.SPAN_COUNT, ExtensionIT.SPANS));
        assertThat(app.finish(Duration.ofSeconds(60)).exitCode()).isZero();
      }
    }
  }

  @Test
  void upstreamAgentUnchangedPlusOurExtensionWithFixedTimes() throws Exception {
    Path dist = UpstreamAgent.distributionJar();
    Path upstream = UpstreamAgent.jar(UpstreamAgent.PINNED);
    List<String> distNames = names(dist);
    List<String> upstreamNames = names(upstream);

    assertThat(distNames.get(0)).isEqualTo(JarFile.MANIFEST_NAME);
    assertThat(distNames).containsAll(upstreamNames.stream().filter(n -> !n.endsWith("/")).toList());
    List<String> added = new ArrayList<>(distNames);
    added.removeAll(upstreamNames);
    assertThat(added).containsExactly("extensions/coordscope-extension.jar");
    try (ZipFile z = new ZipFile(dist.toFile()); ZipFile u = new ZipFile(upstream.toFile())) {
      assertThat(z.getInputStream(z.getEntry("extensions/coordscope-extension.jar")).readAllBytes())
          .isEqualTo(Files.readAllBytes(UpstreamAgent.extensionJar()));
      assertThat(z.getInputStream(z.getEntry(JarFile.MANIFEST_NAME)).readAllBytes())
          .isEqualTo(u.getInputStream(u.getEntry(JarFile.MANIFEST_NAME)).readAllBytes());
      long first = z.entries().nextElement().getTime();
      assertThat(Collections.list(z.entries())).allSatisfy(e -> assertThat(e.getTime()).isEqualTo(first));
    }
    assertThat(distNames).isEqualTo(sortedAfterManifest(distNames));
  }

  private static List<String> names(Path jar) throws Exception {
    try (ZipFile z = new ZipFile(jar.toFile())) {
      return Collections.list(z.entries()).stream().map(ZipEntry::getName).toList();
    }
  }

  private static List<String> sortedAfterManifest(List<String> names) {
    List<String> rest = new ArrayList<>(names.subList(1, names.size()));
    Collections.sort(rest);
    List<String> out = new ArrayList<>();
    out.add(names.get(0));
    out.addAll(rest);
    return out;
  }
}
