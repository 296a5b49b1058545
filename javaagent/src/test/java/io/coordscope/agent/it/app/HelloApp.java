package io.coordscope.agent.it.app;

/** Prints one fixed line and exits with the code given as the first argument (default 0). */
public final class HelloApp {

  public static final String LINE = "hello from the application";

  private HelloApp() {}

  public static void main(String[] args) {
    System.out.println(LINE);
    System.exit(args.length > 0 ? Integer.parseInt(args[0]) : 0);
  }
}
