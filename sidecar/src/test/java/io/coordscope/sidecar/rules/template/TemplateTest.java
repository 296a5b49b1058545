package io.coordscope.sidecar.rules.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  private static String expand(String text, double value) throws TemplateException {
    Map<String, Object> labels = Map.of("instance", "host:9464", "job", "api");
    Map<String, Object> vars = Map.of("labels", labels, "value", value,
        "externalLabels", Map.of("cluster", "eu1"), "externalURL", "http://sidecar:9465");
    return Template.parse("__alert_X", text).execute(vars, Map.of("Labels", labels, "Value", value));
  }

  @Test
  void labelsValueAndExternalLabels() throws Exception {
    assertThat(expand("{{ $labels.instance }} of {{ $labels.job }} at {{ $value }} in {{ $externalLabels.cluster }}", 0.5))
        .isEqualTo("host:9464 of api at 0.5 in eu1");
    assertThat(expand("[{{ $labels.missing }}]", 1)).isEqualTo("[]");
    assertThat(expand("{{ .Labels.job }} {{ .Value }}", 2)).isEqualTo("api 2");
  }

  @Test
  void valueIsPrintedLikeGo() throws Exception {
    assertThat(expand("{{ $value }}", 1e6)).isEqualTo("1e+06");
    assertThat(expand("{{ $value }}", 123456)).isEqualTo("123456");
    assertThat(expand("{{ $value }}", 0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(expand("{{ $value }}", 0.00001)).isEqualTo("1e-05");
    assertThat(expand("{{ $value }}", Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(expand("{{ $value }}", Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void humanizeFamily() throws Exception {
    assertThat(expand("{{ humanize $value }}", 1234567)).isEqualTo("1.235M");
    assertThat(expand("{{ $value | humanize }}", 0.001234)).isEqualTo("1.234m");
    assertThat(expand("{{ humanize $value }}", 1000)).isEqualTo("1k");
    assertThat(expand("{{ humanize $value }}", 0)).isEqualTo("0");
    assertThat(expand("{{ humanize1024 $value }}", 2048)).isEqualTo("2ki");
    assertThat(expand("{{ humanizeDuration $value }}", 3661)).isEqualTo("1h 1m 1s");
    assertThat(expand("{{ humanizeDuration $value }}", 90061)).isEqualTo("1d 1h 1m 1s");
    assertThat(expand("{{ humanizeDuration $value }}", 0.5)).isEqualTo("500ms");
    assertThat(expand("{{ humanizeDuration $value }}", 12.3456)).isEqualTo("12.35s");
    assertThat(expand("{{ humanizePercentage $value }}", 0.1234)).isEqualTo("12.34%");
    assertThat(expand("{{ humanizeTimestamp $value }}", 1435065584.128)).isEqualTo("2015-06-23 13:19:44.128 +0000 UTC");
  }

  @Test
  void printfAndControlFlow() throws Exception {
    assertThat(expand("{{ printf \"%.2f\" $value }}", 1.005)).isEqualTo("1.00");
    assertThat(expand("{{ printf \"%.1f%%\" $value }}", 99.95)).isEqualTo("100.0%");
    assertThat(expand("{{ printf \"%s=%5.1f|%-4s|\" $labels.job $value \"x\" }}", 3.14159)).isEqualTo("api=  3.1|x   |");
    assertThat(expand("{{ printf \"%d\" $value }}", 3)).isEqualTo("%!d(float64=3)");
    assertThat(expand("{{ if gt $value 1.0 }}high{{ else if eq $value 1.0 }}one{{ else }}low{{ end }}", 2)).isEqualTo("high");
    assertThat(expand("{{ if gt $value 1.0 }}high{{ else if eq $value 1.0 }}one{{ else }}low{{ end }}", 1)).isEqualTo("one");
    assertThat(expand("{{- $x := humanize $value -}}  v={{ $x }} {{/* note */}}", 2000)).isEqualTo("v=2k ");
    assertThat(expand("{{ $labels.instance | stripPort | toUpper }}", 0)).isEqualTo("HOST");
    assertThat(expand("{{ reReplaceAll \"(.*):.*\" \"$1\" $labels.instance }}", 0)).isEqualTo("host");
  }

  /** Go's regexp: {@code match} is unanchored, {@code reReplaceAll} expands as Regexp.Expand, both in linear time. */
  @Test
  void regexFunctionsHaveGoSemantics() throws Exception {
    assertThat(expand("{{ match \"ost\" $labels.instance }}", 0)).isEqualTo("true");
    assertThat(expand("{{ match \"^ost\" $labels.instance }}", 0)).isEqualTo("false");
    assertThat(expand("{{ reReplaceAll \"(h)(o)\" \"${2}$1x\" $labels.instance }}", 0)).isEqualTo("ost:9464"); // $1x names group "1x"
    assertThat(expand("{{ reReplaceAll \"(?P<p>[0-9]+)\" \"<$p>\" $labels.instance }}", 0)).isEqualTo("host:<9464>");
    assertThat(expand("{{ match \"(.*a){12}\" \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\" }}", 0)).isEqualTo("true");
    assertThatThrownBy(() -> expand("{{ match \"\\\\h+\" $labels.job }}", 0))
        .hasMessageContaining("error calling match: error parsing regexp: invalid escape sequence: `\\h`");
    assertThatThrownBy(() -> expand("{{ reReplaceAll \"a\\\\Z\" \"\" $labels.job }}", 0))
        .hasMessageContaining("error calling reReplaceAll: regexp: Compile(`a\\Z`): error parsing regexp: invalid escape sequence: `\\Z`");
  }

  @Test
  void valueOneE23IsPrintedAsGoDoes() throws Exception {
    assertThat(expand("{{ $value }}", 1e23)).isEqualTo("1e+23");
    assertThat(expand("{{ $value }}", 2e23)).isEqualTo("2e+23");
  }

  @Test
  void parseErrorsNameTheProblem() {
    assertThatThrownBy(() -> Template.parse("__alert_X", "{{ $labels.job "))
        .hasMessage("template: __alert_X:1: unclosed action");
    assertThatThrownBy(() -> Template.parse("__alert_X", "a\n{{ nosuch $value }}"))
        .hasMessage("template: __alert_X:2: function \"nosuch\" not defined");
    assertThatThrownBy(() -> Template.parse("__alert_X", "{{ query \"up\" }}"))
        .hasMessageContaining("function \"query\" not defined (a Prometheus template function coordscope does not support)");
    assertThatThrownBy(() -> Template.parse("__alert_X", "{{ if $value }}x"))
        .hasMessageContaining("unexpected EOF");
    assertThatThrownBy(() -> Template.parse("__alert_X", "{{ range $labels }}{{ end }}"))
        .hasMessageContaining("{{range}} is not supported");
  }

  @Test
  void executionErrorsNameTheirPositionLikeGo() {
    assertThatThrownBy(() -> Template.parse("__alert_X", "a\n  x {{ $labels.job | humanize }}", 0)
        .execute(Map.of("labels", Map.of("job", "api")), null))
        .hasMessage("template: __alert_X:2:21: executing \"__alert_X\" at <humanize>: error calling humanize: "
            + "strconv.ParseFloat: parsing \"api\": invalid syntax");
    assertThatThrownBy(() -> Template.parse("__alert_X", "{{ (humanize \"a\") }}", 112).execute(Map.of(), null))
        .hasMessageContaining("__alert_X:1:116: executing \"__alert_X\" at <humanize \"a\">");
  }

  @Test
  void executionErrorsAreReported() {
    assertThatThrownBy(() -> expand("{{ humanize \"abc\" }}", 0))
        .hasMessageContaining("error calling humanize: strconv.ParseFloat: parsing \"abc\": invalid syntax");
    assertThatThrownBy(() -> expand("{{ $nope }}", 0)).hasMessageContaining("undefined variable: $nope");
  }

  @Test
  void hostileTemplatesAreBounded() {
    assertThatThrownBy(() -> Template.parse("t", "{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}"))
        .hasMessageContaining("nested more than 100 levels deep");
    assertThatThrownBy(() -> Template.parse("t", "{{ if 1.0 }}".repeat(5000)))
        .hasMessageContaining("nested more than 100 levels deep");
    assertThatThrownBy(() -> expand("{{ printf \"%900000s\" \"x\" }}{{ printf \"%900000s\" \"x\" }}", 0))
        .hasMessageContaining("output longer than");
  }

  @Test
  void goRefusesHugeWidths() throws Exception {
    assertThat(expand("{{ printf \"a%99999999d|%f\" $value $value }}", 1)).isEqualTo("a%!(NOVERB)%!(EXTRA float64=1, float64=1)");
    assertThat(expand("{{ printf \"%.99999999f\" $value }}", 1)).isEqualTo("%!(NOVERB)%!(EXTRA float64=1)");
  }
}
