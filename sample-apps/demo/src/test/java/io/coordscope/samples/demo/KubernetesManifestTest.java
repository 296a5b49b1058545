package io.coordscope.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker/k8s/ parses and wires the agent, the sidecar, probes and scrape annotations right. */
class KubernetesManifestTest {

  @Test
  @SuppressWarnings("unchecked")
  void deploymentAddsTheAgentByInitContainerAndRunsTheSidecarBeside() {
    Path file = ProjectFiles.docker().resolve("k8s/coordinator.yaml");
    List<Object> docs = ProjectFiles.yamlAll(file);
    Map<String, Object> deployment = null;
    Map<String, Object> service = null;
    for (Object d : docs) {
      Map<String, Object> m = (Map<String, Object>) d;
      if ("Deployment".equals(m.get("kind"))) {
        deployment = m;
      } else if ("Service".equals(m.get("kind"))) {
        service = m;
      }
    }
    assertThat(deployment).isNotNull();
    assertThat(service).isNotNull();
    Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("template");
    Map<String, Object> annotations = (Map<String, Object>) ((Map<String, Object>) template.get("metadata")).get("annotations");
    assertThat(annotations).containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", "9465");
    Map<String, Object> pod = (Map<String, Object>) template.get("spec");

    Map<String, Object> init = ((List<Map<String, Object>>) pod.get("initContainers")).get(0);
    Map<String, Object> compose = (Map<String, Object>) ProjectFiles.yaml(ProjectFiles.docker().resolve("docker-compose.yml")).get("services");
    assertThat(init.get("image")).isEqualTo(((Map<String, Object>) compose.get("agent")).get("image"));

    List<Map<String, Object>> containers = (List<Map<String, Object>>) pod.get("containers");
    Map<String, Object> app = containers.get(0);
    Map<String, Object> sidecar = containers.get(1);
    assertThat(app.get("image")).isEqualTo(((Map<String, Object>) compose.get("coordinator")).get("image"));
    assertThat(sidecar.get("image")).isEqualTo(((Map<String, Object>) compose.get("sidecar")).get("image"));
    assertThat(app.get("env").toString()).contains("name=JAVA_TOOL_OPTIONS, value=-javaagent:/opt/coordscope/coordscope-agent.jar");
    assertThat(app.get("volumeMounts").toString()).contains("mountPath=/opt/coordscope");
    assertThat(init.get("volumeMounts").toString()).contains("mountPath=/agent");

    assertThat(sidecar.get("ports").toString()).contains("containerPort=9465");
    assertThat(((Map<String, Object>) ((Map<String, Object>) sidecar.get("livenessProbe")).get("httpGet")).get("path")).isEqualTo("/-/healthy");
    assertThat(((Map<String, Object>) ((Map<String, Object>) sidecar.get("readinessProbe")).get("httpGet")).get("path")).isEqualTo("/-/ready");
    assertThat(app.get("ports").toString()).contains("containerPort=8080");
    assertThat(service.get("spec").toString()).contains("targetPort=http").contains("targetPort=coordscope");

    Map<String, Object> configMap = (Map<String, Object>) docs.get(0);
    String sidecarYml = (String) ((Map<String, Object>) configMap.get("data")).get("sidecar.yml");
    assertThat(sidecarYml).contains("127.0.0.1:9464");
  }
}
