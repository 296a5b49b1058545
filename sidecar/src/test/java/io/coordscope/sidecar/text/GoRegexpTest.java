package io.coordscope.sidecar.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Go 1.19 regexp syntax and semantics (Prometheus 2.42), on RE2J. */
class GoRegexpTest {

  /** Go's messages, verified against {@code promtool check rules} 2.42 (see RegexPromtoolParityTest). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "a\\Z               | error parsing regexp: invalid escape sequence: `\\Z`",
    "\\h+               | error parsing regexp: invalid escape sequence: `\\h`",
    "\\R                | error parsing regexp: invalid escape sequence: `\\R`",
    "\\p{javaLowerCase} | error parsing regexp: invalid character class range: `\\p{javaLowerCase}`",
    "\\C                | error parsing regexp: invalid escape sequence: `\\C`",
    "(a)\\1             | error parsing regexp: invalid escape sequence: `\\1`",
    "(?<x>a)            | error parsing regexp: invalid or unsupported Perl syntax: `(?<`",
    "a{1001}            | error parsing regexp: invalid repeat count: `{1001}`",
    "a*+                | error parsing regexp: invalid nested repetition operator: `*+`",
    "(?=a)              | error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
  })
  void refusesWhatGoRefusesWithGosMessage(String re, String message) {
    assertThatThrownBy(() -> GoRegexp.compile(re)).isInstanceOf(GoRegexp.SyntaxException.class).hasMessage(message);
    assertThatThrownBy(() -> GoRegexp.compileAnchored(re)).hasMessage(message);
  }

  /** As Prometheus 2.42's matchers (checked with promtool): the anchored text first, then the pattern alone. */
  @Test
  void anchoredErrorsNameWhatPrometheusNames() {
    assertThatThrownBy(() -> GoRegexp.compileAnchored("(")).hasMessage("error parsing regexp: missing closing ): `^(?:()$`");
    assertThatThrownBy(() -> GoRegexp.compileAnchored(")")).hasMessage("error parsing regexp: unexpected ): `^(?:))$`");
    assertThatThrownBy(() -> GoRegexp.compileAnchored("a)(b")).hasMessage("error parsing regexp: unexpected ): `a)(b`");
  }

  @ParameterizedTest
  @ValueSource(strings = {"(?P<x>a)", "[[:digit:]]+", "[[:^space:][:word:]]", "\\pL", "\\p{Greek}", "\\Q.(?<\\E", "[(?<]", "\\z",
    "(?i)A", "(?s).", "[]a]", "[a&&b[]"})
  void acceptsWhatGoAccepts(String re) {
    assertThat(GoRegexp.compile(re)).isNotNull();
  }

  @Test
  void anchoredAsPrometheusAnchorsMatchersAndDotStopsAtNewline() {
    assertThat(GoRegexp.compileAnchored("a|b").matches("ab")).isFalse();
    assertThat(GoRegexp.compileAnchored("a|b").matches("b")).isTrue();
    assertThat(GoRegexp.compileAnchored("a.b").matches("a\nb")).isFalse();
    assertThat(GoRegexp.compileAnchored("a.b").matches("a\rb")).isTrue();
    assertThat(GoRegexp.compileAnchored("(?s)a.b").matches("a\nb")).isTrue();
    assertThat(GoRegexp.compileAnchored("[[:digit:]]{3}").matches("123")).isTrue();
    assertThat(GoRegexp.compileAnchored("[a&&b[]").matches("&")).isTrue(); // '&&' and '[' are literal in a class
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "(a)(p)i        | api  | ${1}z-$2        | az-p",
    "(a)(p)i        | api  | $1x             | ''",
    "(?P<n>a)p.*    | api  | ${n}-$n         | a-a",
    "(a)            | a    | $$1             | $1",
    "(a)            | a    | ${1             | ${1",
    "(a)            | a    | $01             | ''",
    "(a)?b          | b    | [$1]            | []",
    "(a)            | a    | cost $          | cost $",
  })
  void expandsAsGosRegexpExpand(String re, String input, String template, String expected) {
    Matcher m = GoRegexp.compileAnchored(re).matcher(input);
    assertThat(m.matches()).isTrue();
    assertThat(GoRegexp.expand(template, m)).isEqualTo(expected);
  }

  /** Outputs of Go's {@code regexp.MustCompile(re).ReplaceAllString(text, repl)}. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "a*        | baaac          | X       | XbXcX",
    ":.*       | host:9090      | ''      | host",
    "(\\w+)@(\\w+) | me@x, you@y | $2.$1  | x.me, y.you",
    "^         | abc            | >       | >abc",
    "x*        | ''             | -       | -",
    "é         | café é         | e       | cafe e",
  })
  void replacesAllAsGoDoes(String re, String text, String repl, String expected) {
    Pattern p = GoRegexp.compile(re);
    assertThat(GoRegexp.replaceAll(p, text, repl)).isEqualTo(expected);
  }
}
