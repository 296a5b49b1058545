package io.coordscope.extension.it.app;

import java.io.IOException;

/**
 * No annotations at all: its methods are selected by configuration only. Calls {@code claim}
 * three times and {@code backlog} once, prints {@link #READY} and waits for stdin to close.
 */
public final class PlainApp {

  public static final String READY = "plain ready";

  private PlainApp() {}

  public static void main(String[] args) throws IOException {
    for (int i = 0; i < 3; i++) {
      claim("w" + i);
    }
    backlog();
    System.out.println(READY);
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the test to close stdin
    }
  }

  static String claim(String worker) {
    return "task-for-" + worker;
  }

  static long backlog() {
    return 17L;
  }
}
