package io.coordscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code methods.include} grammar (that of OpenTelemetry's {@code otel.instrumentation.methods.include}). */
class MethodsIncludeTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("", map(), List.of()),
        Arguments.of("com.acme.Dispatcher[claim]", map("com.acme.Dispatcher", "claim"), List.of()),
        Arguments.of(
            "com.acme.Dispatcher[claim,complete];com.acme.Board[velocity]",
            map("com.acme.Dispatcher", "claim,complete", "com.acme.Board", "velocity"),
            List.of()),
        Arguments.of(" com.acme.A [ a , b ] ; ; com.acme.Outer$Inner[run] ;", map("com.acme.A", "a,b", "com.acme.Outer$Inner", "run"), List.of()),
        Arguments.of("com.acme.A[a];com.acme.A[b]", map("com.acme.A", "a,b"), List.of()),
        Arguments.of("com.acme.A", map(), List.of("'com.acme.A': expected ClassName[method1,method2]")),
        Arguments.of("com.acme.A[a", map(), List.of("'com.acme.A[a': expected ClassName[method1,method2]")),
        Arguments.of("com.acme.A[]", map(), List.of("'com.acme.A[]': '' is not a method name")),
        Arguments.of("com.acme.A[a,,b]", map(), List.of("'com.acme.A[a,,b]': '' is not a method name")),
        Arguments.of("com.acme.A[a-b]", map(), List.of("'com.acme.A[a-b]': 'a-b' is not a method name")),
        Arguments.of("com..A[a];ok.B[b]", map("ok.B", "b"), List.of("'com..A[a]': 'com..A' is not a fully qualified class name")),
        Arguments.of("[a]", map(), List.of("'[a]': '' is not a fully qualified class name")),
        Arguments.of("com.acme.A[a][b]", map(), List.of("'com.acme.A[a][b]': expected ClassName[method1,method2]")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void parses(String spec, Map<String, Set<String>> expected, List<String> errors) {
    MethodsInclude m = MethodsInclude.parse(spec);

    assertThat(m.methodsByClass()).isEqualTo(expected);
    assertThat(m.errors()).isEqualTo(errors);
  }

  private static Map<String, Set<String>> map(String... kv) {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], new LinkedHashSet<>(List.of(kv[i + 1].split(","))));
    }
    return m;
  }
}
