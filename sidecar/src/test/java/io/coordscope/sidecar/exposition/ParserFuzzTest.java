package io.coordscope.sidecar.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated bodies (mutations and truncations of real writer output, random bytes,
 * huge lines, deep label lists, adversarial escapes and numbers), fixed seed: each either parses
 * within the limits or fails with an {@link ExpositionException} from the parser's own checks.
 */
class ParserFuzzTest {

  private static final String[] CONTENT_TYPES = {"text/plain; version=0.0.4",
      "application/openmetrics-text; version=1.0.0"};
  private static final byte[] INTERESTING = "{}\"\\#\n =,.eE+-_:0123456789NaInf\t\r\u00e9".getBytes(StandardCharsets.UTF_8);
  private static final ParserLimits LIMITS = new ParserLimits(256 * 1024, 8 * 1024, 5_000, 64, 256, 1024);

  private final ExpositionParser parser = new ExpositionParser(LIMITS);
  private int parsed;
  private int rejected;

  @Test
  void everyInputParsesOrFailsWithAReason() throws Exception {
    List<byte[]> seeds = List.of(WriterFixtures.text(), WriterFixtures.openMetrics(true), WriterFixtures.openMetrics(false));
    Random random = new Random(20261123L);
    assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
      for (int i = 0; i < 6000; i++) {
        byte[] body = switch (i % 6) {
          case 0, 1 -> mutate(seeds.get(random.nextInt(seeds.size())), random);
          case 2 -> truncate(seeds.get(random.nextInt(seeds.size())), random);
          case 3 -> randomBytes(random);
          case 4 -> adversarial(random);
          default -> structured(random);
        };
        check(body, CONTENT_TYPES[random.nextInt(2)]);
      }
    });
    // Both outcomes must actually occur, or the generator is not exercising the parser.
    assertThat(parsed).isGreaterThan(300);
    assertThat(rejected).isGreaterThan(3000);
  }

  private void check(byte[] body, String contentType) {
    try {
      ParseResult r = parser.parse(body, contentType);
      assertThat(r.samples().size()).isLessThanOrEqualTo(LIMITS.maxSamples());
      parsed++;
    } catch (ExpositionException e) {
      assertThat(e.getMessage()).doesNotContain("internal parser error").isNotBlank();
      assertThat(e.lineNumber()).isBetween(0, body.length + 1);
      rejected++;
    }
  }

  private static byte[] mutate(byte[] seed, Random r) {
    byte[] b = Arrays.copyOf(seed, seed.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(4)) {
        case 0 -> b[at] = INTERESTING[r.nextInt(INTERESTING.length)];
        case 1 -> b[at] = (byte) r.nextInt(256);
        case 2 -> b[at] = b[r.nextInt(b.length)];
        default -> {
          int resume = Math.min(b.length, at + 1 + r.nextInt(20));
          out.reset();
          out.write(b, 0, at);
          out.write(b, resume, b.length - resume);
          b = out.size() > 0 ? out.toByteArray() : b;
        }
      }
    }
    return b;
  }

  private static byte[] truncate(byte[] seed, Random r) {
    return Arrays.copyOf(seed, r.nextInt(seed.length + 1));
  }

  private static byte[] randomBytes(Random r) {
    byte[] b = new byte[r.nextInt(2048)];
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextBoolean() ? (byte) r.nextInt(256) : INTERESTING[r.nextInt(INTERESTING.length)];
    }
    return b;
  }

  private static byte[] adversarial(Random r) {
    String body = switch (r.nextInt(9)) {
      case 0 -> "a" + "b".repeat(10_000 + r.nextInt(10_000)) + " 1\n";
      case 1 -> "a{" + labels(50 + r.nextInt(100)) + "} 1\n";
      case 2 -> "a{x=\"" + "\\\\".repeat(r.nextInt(3000)) + (r.nextBoolean() ? "\\" : "") + "\"} 1\n";
      case 3 -> "a{x=\"" + "\\\"".repeat(r.nextInt(3000)) + "} 1\n";
      case 4 -> "a 1" + "0".repeat(r.nextInt(7000)) + "e-" + r.nextInt(Integer.MAX_VALUE) + "\n";
      case 5 -> "a 1 1" + "0".repeat(r.nextInt(7000)) + "e-" + r.nextInt(7000) + "\n# EOF\n";
      case 6 -> "a 1 0.000" + "0".repeat(r.nextInt(7000)) + "1e" + r.nextInt(Integer.MAX_VALUE) + "\n# EOF\n";
      case 7 -> "a 1\n".repeat(4000 + r.nextInt(3000)) + "# EOF\n";
      default -> "# TYPE c counter\nc_total 1 # {" + labels(1 + r.nextInt(20)) + "} 1e" + (r.nextInt(700) - 350) + " "
          + r.nextInt() + "." + r.nextInt(1000) + "\n# EOF\n";
    };
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** Syntactically plausible bodies built from random parts, so that many of them parse. */
  private static byte[] structured(Random r) {
    StringBuilder sb = new StringBuilder();
    String[] types = {"counter", "gauge", "histogram", "summary", "untyped", "unknown", "info", "stateset"};
    List<String> names = new ArrayList<>();
    int families = 1 + r.nextInt(5);
    for (int f = 0; f < families; f++) {
      String name = "m" + f;
      names.add(name);
      String type = types[r.nextInt(types.length)];
      if (r.nextBoolean()) {
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
      }
      if (r.nextBoolean()) {
        sb.append("# HELP ").append(name).append(" help \\\\ text\n");
      }
      String sample = type.equals("counter") ? name + "_total" : type.equals("info") ? name + "_info" : name;
      for (int s = 0; s < 1 + r.nextInt(4); s++) {
        sb.append(sample).append("{l=\"").append(s).append("\"} ").append(r.nextGaussian());
        if (r.nextInt(4) == 0) {
          sb.append(' ').append(1_700_000_000 + r.nextInt(1000));
        }
        if (r.nextInt(4) == 0) {
          sb.append(" # {trace_id=\"").append(Integer.toHexString(r.nextInt())).append("\"} 1");
        }
        sb.append('\n');
      }
    }
    if (r.nextInt(3) > 0) {
      sb.append("# EOF\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String labels(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("l").append(i).append("=\"v").append(i).append('"');
    }
    return sb.toString();
  }
}
