package io.coordscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** {@code error_type} values and the unwrapping of async failures. */
class OutcomesTest {

  @Test
  void errorTypeIsTheSimpleClassName() {
    assertThat(Outcomes.errorType(new IllegalStateException())).isEqualTo("IllegalStateException");
  }

  @Test
  void anonymousExceptionUsesLastSegmentOfBinaryName() {
    RuntimeException anonymous = new RuntimeException() {
      private static final long serialVersionUID = 1L;
    };
    assertThat(Outcomes.errorType(anonymous)).isEqualTo("OutcomesTest$1");
  }

  @Test
  void completionExceptionsAreUnwrapped() {
    IllegalArgumentException cause = new IllegalArgumentException();
    assertThat(Outcomes.unwrap(new CompletionException(new CompletionException(cause)))).isSameAs(cause);
    CompletionException bare = new CompletionException("no cause", null);
    assertThat(Outcomes.unwrap(bare)).isSameAs(bare);
  }

  @Test
  void completionStagesAreAsync() {
    assertThat(Outcomes.isAsyncReturnType("java.util.concurrent.CompletableFuture", false)).isTrue();
    assertThat(Outcomes.isAsyncReturnType("com.acme.MyStage", true)).isTrue();
    assertThat(Outcomes.isAsyncReturnType("java.util.concurrent.Future", false)).isFalse();
  }
}
