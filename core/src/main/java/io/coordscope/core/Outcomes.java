package io.coordscope.core;

import java.util.concurrent.CompletionException;

/** How an operation ended, as the {@code outcome} and {@code error_type} labels say it. */
public final class Outcomes {

  public static final String SUCCESS = "success";
  public static final String ERROR = "error";
  /** Declared: the call lost a race (see {@link OutcomeRules}). */
  public static final String CONFLICT = "conflict";
  /** Declared: the call gave up waiting. */
  public static final String TIMEOUT = "timeout";
  /** Declared: the call was refused before doing its work. */
  public static final String REJECTED = "rejected";
  /** The {@code error_type} of a successful operation. */
  public static final String NO_ERROR = "";

  private Outcomes() {}

  /** The exception's simple class name; for an anonymous class, its binary name's last segment. */
  public static String errorType(Throwable t) {
    Class<?> c = t.getClass();
    String s = c.getSimpleName();
    if (s.isEmpty()) {
      String n = c.getName();
      s = n.substring(n.lastIndexOf('.') + 1);
    }
    return s;
  }

  /** What a completed {@code CompletionStage} failed with: {@link CompletionException} wrappers removed. */
  public static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** True for the declared return types whose operation ends when the returned stage completes. */
  public static boolean isAsyncReturnType(String erasedTypeName, boolean assignableToCompletionStage) {
    return "java.util.concurrent.CompletableFuture".equals(erasedTypeName)
        || "java.util.concurrent.CompletionStage".equals(erasedTypeName)
        || assignableToCompletionStage;
  }
}
