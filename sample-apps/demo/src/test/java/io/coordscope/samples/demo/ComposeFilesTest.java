package io.coordscope.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/docker-compose.yml without a Docker engine: every build context, Dockerfile, file it
 * copies and file mounted exists; ports are well formed and unique; every image is pinned.
 */
class ComposeFilesTest {

  private static final Pattern FROM = Pattern.compile("^FROM\\s+(\\S+)", Pattern.MULTILINE);
  private static final Pattern COPY = Pattern.compile("^COPY\\s+(\\S+)\\s+\\S+", Pattern.MULTILINE);
  private static final Pattern PINNED = Pattern.compile("[\\w./-]+:v?\\d+(\\.\\d+)+[\\w.-]*");

  private final Path docker = ProjectFiles.docker();

  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> services() {
    return (Map<String, Map<String, Object>>) ProjectFiles.yaml(docker.resolve("docker-compose.yml")).get("services");
  }

  @Test
  @SuppressWarnings("unchecked")
  void buildContextsDockerfilesAndCopiedFilesExist() throws IOException {
    int built = 0;
    for (Map.Entry<String, Map<String, Object>> e : services().entrySet()) {
      Map<String, Object> build = (Map<String, Object>) e.getValue().get("build");
      if (build == null) {
        continue;
      }
      built++;
      Path context = docker.resolve((String) build.get("context")).normalize();
      assertThat(context).as(e.getKey() + " build context").isDirectory();
      Path dockerfile = context.resolve((String) build.getOrDefault("dockerfile", "Dockerfile"));
      assertThat(dockerfile).as(e.getKey() + " Dockerfile").isRegularFile();
      Map<String, Object> args = (Map<String, Object>) build.getOrDefault("args", Map.of());
      Matcher copy = COPY.matcher(Files.readString(dockerfile));
      while (copy.find()) {
        String src = copy.group(1).replace("${APP}", String.valueOf(args.getOrDefault("APP", "")));
        // jars are build outputs: their module (the part before target/) must exist
        Path p = context.resolve(src.contains("/target/") ? src.substring(0, src.indexOf("/target/")) : src);
        assertThat(p).as(e.getKey() + ": COPY " + src).exists();
      }
    }
    assertThat(built).isGreaterThanOrEqualTo(7); // agent, sidecar, four sample services (worker twice)
  }

  @Test
  @SuppressWarnings("unchecked")
  void mountedFilesExistAndPortsAreUnique() {
    Set<String> hostPorts = new HashSet<>();
    for (Map.Entry<String, Map<String, Object>> e : services().entrySet()) {
      for (Object v : (List<Object>) e.getValue().getOrDefault("volumes", List.of())) {
        String src = ((String) v).split(":")[0];
        if (src.startsWith(".")) {
          assertThat(docker.resolve(src).normalize()).as(e.getKey() + " mounts " + src).exists();
        }
      }
      for (Object p : (List<Object>) e.getValue().getOrDefault("ports", List.of())) {
        String[] parts = ((String) p).split(":");
        assertThat(parts).as(e.getKey() + " port " + p).hasSize(2);
        assertThat(Integer.parseInt(parts[0])).isBetween(1, 65535);
        assertThat(Integer.parseInt(parts[1])).isBetween(1, 65535);
        assertThat(hostPorts.add(parts[0])).as("host port " + parts[0] + " used twice").isTrue();
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void sampleAppsGetTheAgentThroughJavaToolOptionsAndAVolume() {
    for (String app : List.of("load-driver", "coordinator", "worker-1", "worker-2", "ledger")) {
      Map<String, Object> s = services().get(app);
      Map<String, Object> env = (Map<String, Object>) s.get("environment");
      assertThat(String.valueOf(env.get("JAVA_TOOL_OPTIONS"))).as(app)
          .isEqualTo("-javaagent:/opt/coordscope/coordscope-agent.jar");
      assertThat((List<Object>) s.get("volumes")).as(app).contains("agent:/opt/coordscope:ro");
    }
  }

  @Test
  void everyImageIsPinnedByVersion() throws IOException {
    for (Map.Entry<String, Map<String, Object>> e : services().entrySet()) {
      assertThat((String) e.getValue().get("image")).as(e.getKey() + " image").matches(PINNED);
    }
    for (Path f : ProjectFiles.find(docker, "Dockerfile")) {
      Matcher m = FROM.matcher(Files.readString(f));
      assertThat(m.find()).as(f + " has FROM").isTrue();
      do {
        assertThat(m.group(1)).as(f + " FROM").matches(PINNED);
      } while (m.find());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSidecarScrapesEveryAgentOfTheStack() {
    Map<String, Object> cfg = ProjectFiles.yaml(docker.resolve("sidecar/sidecar.yml"));
    String scrape = cfg.get("scrape_configs").toString();
    for (String app : List.of("load-driver", "coordinator", "worker-1", "worker-2", "ledger")) {
      assertThat(services()).containsKey(app);
      assertThat(scrape).contains(app + ":9464");
    }
    assertThat(cfg.get("alerting").toString()).contains("alertmanager:9093");
  }
}
