package io.coordscope.agent.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlRedactionTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://h:8080/p?q=1#f|http://h:8080/p?q=1#f",
        "https://user:pw@h/p|https://REDACTED:REDACTED@h/p",
        "https://user@h:8443/p|https://REDACTED:REDACTED@h:8443/p",
        "https://h/p?sig=abc&x=1|https://h/p?sig=REDACTED&x=1",
        "https://h/p?X-Goog-Signature=s&AWSAccessKeyId=k&Signature=z|https://h/p?X-Goog-Signature=REDACTED&AWSAccessKeyId=REDACTED&Signature=REDACTED",
        "https://h/p?signature=kept&&sig|https://h/p?signature=kept&&sig",
        "http://[::1]:9/p?sig=1|http://[::1]:9/p?sig=REDACTED",
      })
  void redactsCredentialsAndSignatures(String in, String out) throws Exception {
    assertThat(UrlRedaction.full(URI.create(in))).isEqualTo(out);
    assertThat(UrlRedaction.full(new URL(in))).isEqualTo(out);
  }

  /** The URL form skips the URI parse only where the parse would change nothing: same answer either way. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://127.0.0.1:8080/ping|http://127.0.0.1:8080/ping",
        "http://h/a/b;c=d/e@f|http://h/a/b;c=d/e@f",
        "http://[::1]:9/p|http://[::1]:9/p",
        "http://h/p%20q|http://h/p%20q",
        "http://h/p#|http://h/p#",
        "http://h/p?|http://h/p?",
        "http://u@h/p|http://REDACTED:REDACTED@h/p",
        "http://h:81/a b?sig=1|http://h/a b",
      })
  void urlFormMatchesTheUriForm(String in, String out) throws Exception {
    assertThat(UrlRedaction.full(new URL(in))).isEqualTo(out);
  }
}
