package io.coordscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.ServiceProbe;
import io.coordscope.agent.it.support.ForkedJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded jar leaks nothing onto the application's class path and declares itself an agent. */
class AgentJarContentsIT {

  @Test
  void everyClassIsOursOrRelocatedUnderTheShadedPrefix() throws IOException {
    List<String> classes = new ArrayList<>();
    List<String> strays = new ArrayList<>();
    try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
      for (JarEntry e : Collections.list(jar.entries())) {
        String name = versionless(e.getName());
        if (!name.endsWith(".class")) {
          continue;
        }
        classes.add(name);
        // io/coordscope/core/ is our own shared core (also in the extension), not a third party's.
        if (!name.startsWith("io/coordscope/agent/")
            && !name.startsWith("io/coordscope/core/")
            && !name.startsWith("io/coordscope/shaded/")) {
          strays.add(e.getName());
        }
      }
    }

    assertThat(classes).contains(
            "io/coordscope/agent/CoordscopeAgent.class",
            "io/coordscope/agent/bootstrap/Bridge.class",
            "io/coordscope/core/Selection.class")
        .anyMatch(n -> n.startsWith("io/coordscope/shaded/net/bytebuddy/"))
        .anyMatch(n -> n.startsWith("io/coordscope/shaded/io/opentelemetry/sdk/"))
        .anyMatch(n -> n.startsWith("io/coordscope/shaded/io/micrometer/"));
    assertThat(strays).as("unrelocated classes").isEmpty();
  }

  @Test
  void serviceFilesNameRelocatedTypes() throws IOException {
    List<String> problems = new ArrayList<>();
    try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
      for (JarEntry e : Collections.list(jar.entries())) {
        if (!e.getName().startsWith("META-INF/services/") || e.isDirectory()) {
          continue;
        }
        String service = e.getName().substring("META-INF/services/".length());
        if (!service.startsWith("io.coordscope.")) {
          problems.add("service file " + service);
        }
        try (InputStream in = jar.getInputStream(e)) {
          for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String impl = line.replaceAll("#.*", "").trim();
            if (!impl.isEmpty() && !impl.startsWith("io.coordscope.")) {
              problems.add(service + " -> " + impl);
            } else if (!impl.isEmpty() && jar.getEntry(impl.replace('.', '/') + ".class") == null) {
              problems.add(service + " -> missing " + impl);
            }
          }
        }
      }
    }

    assertThat(problems).isEmpty();
  }

  @Test
  void relocatedServiceProvidersOfShippedTypesStillLoad() throws IOException {
    List<String> services = new ArrayList<>();
    try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
      for (JarEntry e : Collections.list(jar.entries())) {
        String service = e.getName().substring(Math.min(e.getName().length(), "META-INF/services/".length()));
        // Service files whose type is not in the jar (SPIs of modules the agent does not ship,
        // such as SDK autoconfigure) are never read; only live ones must resolve.
        if (e.getName().startsWith("META-INF/services/") && !e.isDirectory()
            && jar.getEntry(service.replace('.', '/') + ".class") != null) {
          services.add(service);
        }
      }
    }
    assertThat(services).contains("io.coordscope.shaded.io.opentelemetry.sdk.common.export.HttpSenderProvider");

    ForkedJvm.Result r =
        ForkedJvm.current().extraClassPath(ForkedJvm.agentJar()).main(ServiceProbe.class, services.toArray(new String[0])).run();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stdout().lines()).as(r.toString()).hasSize(services.size()).noneMatch(l -> l.contains(" !! ")).allMatch(l -> !l.endsWith("-> "));
    assertThat(r.stdout())
        .contains(
            "io.coordscope.shaded.io.opentelemetry.sdk.common.export.HttpSenderProvider -> "
                + "io.coordscope.shaded.io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider");
  }

  @Test
  void manifestDeclaresPremainAgentAndRetransformation() throws IOException {
    try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
      Attributes a = jar.getManifest().getMainAttributes();

      assertThat(a.getValue("Premain-Class")).isEqualTo("io.coordscope.agent.CoordscopeAgent");
      assertThat(a.getValue("Agent-Class")).isEqualTo("io.coordscope.agent.CoordscopeAgent");
      assertThat(a.getValue("Can-Retransform-Classes")).isEqualTo("true");
      assertThat(a.getValue("Implementation-Version")).isNotBlank();
    }
  }

  /** {@code META-INF/versions/9/x/Y.class} -> {@code x/Y.class}. */
  private static String versionless(String name) {
    return name.startsWith("META-INF/versions/") ? name.replaceFirst("^META-INF/versions/\\d+/", "") : name;
  }
}
