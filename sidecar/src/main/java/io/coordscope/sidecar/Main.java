package io.coordscope.sidecar;

import io.coordscope.sidecar.app.CommandLine;
import io.coordscope.sidecar.app.Launcher;
import java.io.PrintStream;

/**
 * {@code java -jar coordscope-sidecar.jar}: runs the sidecar, or {@code validate} / {@code test
 * rules}. Exit codes: 0 ok, 1 failure, 2 usage error.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    CommandLine.Command command;
    try {
      command = CommandLine.parse(args);
    } catch (CommandLine.UsageException e) {
      System.exit(run(args, System.out, System.err)); // prints the usage error
      return;
    }
    // run: with a bounded heap, re-executing this JVM when it has none (app.HeapBound)
    System.exit(Launcher.main(Main.class.getName(), args, command, System.out, System.err));
  }

  /** Runs a command to completion; for {@code run}, blocks until the process is stopped. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine.Command command;
    try {
      command = CommandLine.parse(args);
    } catch (CommandLine.UsageException e) {
      err.println("coordscope-sidecar: " + e.getMessage());
      err.println("run with --help for usage");
      return 2;
    }
    return Launcher.execute(command, out, err);
  }
}
