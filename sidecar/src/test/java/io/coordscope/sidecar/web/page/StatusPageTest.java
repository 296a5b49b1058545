package io.coordscope.sidecar.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.web.AlertView;
import io.coordscope.sidecar.web.SidecarView;
import io.coordscope.sidecar.web.StubView;
import io.coordscope.sidecar.web.TargetView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page without a browser: everything from targets and rules is escaped; trace links only for http(s). */
class StatusPageTest {

  static final String EVIL = "<img src=x onerror=alert(1)>\"'&";

  @Test
  void escapeCoversEveryHtmlSpecialCharacter() {
    assertThat(Html.escape("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    assertThat(Html.escape("plain")).isEqualTo("plain");
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void labelsAnnotationsAndErrorsAreEscaped() {
    SidecarView view = new StubView() {
      @Override
      public List<TargetView> targets() {
        return List.of(new TargetView(Map.of(), Map.of("instance", EVIL), EVIL, "http://h/metrics", EVIL,
            Instant.EPOCH, 0.01, "down", Duration.ofSeconds(15), Duration.ofSeconds(10)));
      }

      @Override
      public List<AlertView> alerts() {
        return List.of(new AlertView(Map.of("alertname", "A", "team", EVIL), Map.of("summary", EVIL), "firing",
            Instant.EPOCH, 1));
      }

      @Override
      public Map<String, String> exampleTrace(Map<String, String> alertLabels) {
        return Map.of("trace_id", "abc", "trace_url", "javascript:alert(1)");
      }
    };
    String html = new StatusPage(view, 60_000).render();
    assertThat(html).doesNotContain("<img").doesNotContain("<script").doesNotContain("href=\"javascript:")
        .contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;");
    assertThat(html).contains("<code>abc</code>").contains("60 s ago");
  }
}
