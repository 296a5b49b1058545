package io.coordscope.sidecar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A regex read as a set of literals matches exactly what the regex matches, or is not read as one. */
class MatcherSetTest {

  private static final String ALPHABET = "ab.|\\+*?()[]{}^$I\n";

  @Test
  void plainAlternationsBecomeSets() {
    assertThat(Matcher.of(Matcher.Type.RE, "le", "0\\.1|0\\.5|\\+Inf").setMatches()).containsExactly("0.1", "0.5", "+Inf");
    assertThat(Matcher.of(Matcher.Type.RE, "le", "a|").setMatches()).containsExactly("a", "");
    assertThat(Matcher.of(Matcher.Type.RE, "le", "0.1").setMatches()).isNull(); // . is any character
    assertThat(Matcher.of(Matcher.Type.RE, "le", ".*").setMatches()).isNull();
    assertThat(Matcher.of(Matcher.Type.RE, "le", "\\d").setMatches()).isNull();
    assertThat(Matcher.of(Matcher.Type.NRE, "le", "a|b").setMatches()).isNull();
  }

  @Test
  void setsMatchExactlyWhatTheRegexMatches() {
    SplittableRandom random = new SplittableRandom(5);
    int sets = 0;
    for (int i = 0; i < 8_000; i++) {
      String re = random(random, 8);
      Matcher m;
      try {
        m = Matcher.of(Matcher.Type.RE, "l", re);
      } catch (RuntimeException invalid) {
        continue;
      }
      if (Matcher.literalAlternation(re) == null) {
        continue;
      }
      sets++;
      com.google.re2j.Pattern p = io.coordscope.sidecar.text.GoRegexp.compileAnchored(re);
      for (String candidate : m.setMatches()) {
        assertThat(p.matcher(candidate).matches()).as("%s on %s", re, candidate).isTrue();
      }
      for (int j = 0; j < 30; j++) {
        String v = random(random, 4);
        assertThat(m.matches(v)).as("%s on %s", re, v).isEqualTo(p.matcher(v).matches());
      }
    }
    assertThat(sets).isGreaterThan(200);
  }

  private static String random(SplittableRandom random, int maxLength) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(maxLength + 1);
    for (int i = 0; i < n; i++) {
      sb.append(random.nextInt(3) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length())) : "ab|".charAt(random.nextInt(3)));
    }
    return sb.toString();
  }
}
