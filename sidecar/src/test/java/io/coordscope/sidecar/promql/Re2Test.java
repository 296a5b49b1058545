package io.coordscope.sidecar.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Re2Test {

  @Test
  void rewritesRe2OnlySpellings() {
    assertThat(Re2.toJava("(?P<host>[^:]+):[[:digit:]]+")).isEqualTo("(?<host>[^:]+):[\\p{Digit}]+");
    assertThat(Re2.toJava("[[:^space:][:word:]]")).isEqualTo("[\\P{Space}\\w]");
    assertThat(Re2.toJava("[a&&b[]")).isEqualTo("[a\\&\\&b\\[]");
    assertThat(Re2.toJava("[]a]")).isEqualTo("[\\]a]");
    assertThat(Re2.toJava("plain.*|x+")).isEqualTo("plain.*|x+");
  }

  @Test
  void dotDoesNotMatchNewlineAsInPrometheus242() {
    assertThat(Re2.compileAnchored("a.b").matcher("a\nb").matches()).isFalse();
    assertThat(Re2.compileAnchored("a.b").matcher("a\rb").matches()).isTrue();
    assertThat(Re2.compileAnchored("(?s)a.b").matcher("a\nb").matches()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a)\\1", "a(?=b)", "a(?!b)", "(?<=a)b", "(?>a)", "a*+", "a{2}+", "[[:nope:]]"})
  void refusesWhatRe2Refuses(String re) {
    assertThatThrownBy(() -> Re2.toJava(re)).isInstanceOf(PatternSyntaxException.class);
  }

  @Test
  void aSelectorWithARe2OnlyConstructIsAParseError() {
    assertThatThrownBy(() -> PromQL.parse("up{job=~\"(a)\\\\1\"}")).isInstanceOf(PromQLException.class)
        .hasMessageContaining("invalid regular expression");
  }
}
