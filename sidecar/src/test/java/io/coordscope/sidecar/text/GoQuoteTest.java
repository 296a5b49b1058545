package io.coordscope.sidecar.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected texts are Go's {@code strconv.Quote} output. */
class GoQuoteTest {

  @Test
  void escapesAsGoStrconvQuote() {
    assertThat(GoQuote.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(GoQuote.quote("\u0007\b\f\n\r\t\u000b")).isEqualTo("\"\\a\\b\\f\\n\\r\\t\\v\"");
    assertThat(GoQuote.quote("\u0000\u001b\u007f")).isEqualTo("\"\\x00\\x1b\\x7f\"");
    assertThat(GoQuote.quote("\u00a0\u200b\u2028")).isEqualTo("\"\\u00a0\\u200b\\u2028\"");
    assertThat(GoQuote.quote("café ☃ 日本 \uD83D\uDE00")).isEqualTo("\"café ☃ 日本 \uD83D\uDE00\"");
    assertThat(GoQuote.quote("\uDB40\uDC01")).isEqualTo("\"\\U000e0001\"");
  }

  @Test
  void regexpErrorsBackquoteWhenGoCan() {
    assertThat(GoQuote.backquoteOrQuote("a\\Z")).isEqualTo("`a\\Z`");
    assertThat(GoQuote.backquoteOrQuote("a`b")).isEqualTo("\"a`b\"");
    assertThat(GoQuote.backquoteOrQuote("a\nb")).isEqualTo("\"a\\nb\"");
  }
}
