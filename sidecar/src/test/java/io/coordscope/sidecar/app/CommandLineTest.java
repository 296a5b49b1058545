package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandLineTest {

  static Stream<Arguments> valid() {
    RunOptions d = RunOptions.defaults();
    return Stream.of(
        Arguments.of(new String[] {}, new CommandLine.Run(d)),
        Arguments.of(new String[] {"--config", "s.yml"},
            new CommandLine.Run(new RunOptions(Optional.of(Path.of("s.yml")), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false))),
        Arguments.of(new String[] {"--config.file=s.yml", "--web.listen-address=127.0.0.1:9999",
            "--storage.retention", "2h", "--storage.max-series=10", "--state.file=", "--web.enable-lifecycle",
            "--web.external-url=http://sidecar:9465/"},
            new CommandLine.Run(new RunOptions(Optional.of(Path.of("s.yml")), Optional.of("127.0.0.1:9999"),
                Optional.of(Duration.ofHours(2)), Optional.of(10), Optional.of(""), Optional.of("http://sidecar:9465"),
                true))),
        Arguments.of(new String[] {"--web.enable-lifecycle=false"}, new CommandLine.Run(d)),
        Arguments.of(new String[] {"--rules.alert.for-grace-period=0s"},
            new CommandLine.Run(new RunOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.of(Duration.ZERO)))),
        Arguments.of(new String[] {"--rules.alert.for-grace-period", "30m"},
            new CommandLine.Run(new RunOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.of(Duration.ofMinutes(30))))),
        Arguments.of(new String[] {"--help"}, new CommandLine.Help()),
        Arguments.of(new String[] {"--config", "x", "-h"}, new CommandLine.Help()),
        Arguments.of(new String[] {"validate", "a.yml", "b.yml"},
            new CommandLine.Validate(List.of(Path.of("a.yml"), Path.of("b.yml")))),
        Arguments.of(new String[] {"test", "rules", "t.yml"}, new CommandLine.TestRules(List.of(Path.of("t.yml")))),
        Arguments.of(new String[] {"java-options"}, new CommandLine.JavaOptions(Optional.of(d))),
        Arguments.of(new String[] {"java-options", "--help"}, new CommandLine.JavaOptions(Optional.empty())),
        Arguments.of(new String[] {"java-options", "validate", "a.yml"}, new CommandLine.JavaOptions(Optional.empty())));
  }

  @ParameterizedTest
  @MethodSource("valid")
  void parses(String[] args, CommandLine.Command expected) throws Exception {
    assertThat(CommandLine.parse(args)).isEqualTo(expected);
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        Arguments.of(new String[] {"--nope"}, "unknown flag --nope"),
        Arguments.of(new String[] {"--config"}, "--config needs a value"),
        Arguments.of(new String[] {"run"}, "unexpected argument \"run\""),
        Arguments.of(new String[] {"validate"}, "validate needs at least one FILE"),
        Arguments.of(new String[] {"test", "rule", "x"}, "did you mean \"test rules FILE...\""),
        Arguments.of(new String[] {"test", "rules"}, "test rules needs at least one FILE"),
        Arguments.of(new String[] {"--storage.retention=1x"}, "--storage.retention: not a valid duration"),
        Arguments.of(new String[] {"--storage.retention=0"}, "--storage.retention must be greater than 0"),
        Arguments.of(new String[] {"--storage.max-series=-1"}, "\"-1\" is not a positive integer"),
        Arguments.of(new String[] {"--web.listen-address=9465"}, "must be host:port"),
        Arguments.of(new String[] {"--web.enable-lifecycle=yes"}, "is not true or false"),
        Arguments.of(new String[] {"--rules.alert.for-grace-period=soon"}, "--rules.alert.for-grace-period: not a valid duration"));
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void rejects(String[] args, String message) {
    assertThatThrownBy(() -> CommandLine.parse(args)).isInstanceOf(CommandLine.UsageException.class)
        .hasMessageContaining(message);
  }

  @Test
  void helpListsEveryFlagWithItsDefault() {
    String help = CommandLine.help();
    for (String[] f : CommandLine.FLAGS) {
      assertThat(help).contains(f[0]);
    }
    assertThat(help).contains("default: :9465", "default: 1h", "default: 25000", "validate FILE...",
        "test rules FILE...", "exit codes");
  }

  @Test
  void javaOptionsPrintsTheLaunchersOptionsForTheSeriesLimitOnOneLine() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream ps = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(Launcher.execute(CommandLine.parse("java-options", "--storage.max-series=300000"), ps, ps)).isZero();
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).trim())
        .startsWith("-Xms16m -Xmx" + HeapBound.heapMiB(300_000) + "m "
            + (HeapBound.knowsFlag(HeapBound.SHENANDOAH_PROBE_FLAG) // Shenandoah where this JDK has it
            ? "-XX:+UseShenandoahGC" : "-XX:+UseG1GC -XX:MaxGCPauseMillis=50"))
        .doesNotContain("\n");
    out.reset();
    assertThat(Launcher.execute(CommandLine.parse("java-options", "validate", "x.yml"), ps, ps)).isZero();
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(System.lineSeparator());
  }
}
