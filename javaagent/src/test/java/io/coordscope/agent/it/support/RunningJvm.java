package io.coordscope.agent.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A forked JVM that is still running: wait for a line on its stdout, talk to it through stdin,
 * then collect its {@link ForkedJvm.Result}. Its output is read continuously, so it never blocks.
 */
public final class RunningJvm implements AutoCloseable {

  private final Process process;
  private final StringBuffer stdout = new StringBuffer();
  private final CompletableFuture<String> stderr;
  private final Thread reader;

  RunningJvm(Process process) {
    this.process = process;
    this.stderr = ForkedJvm.drain(process.getErrorStream());
    this.reader = new Thread(this::readStdout, "forked-jvm-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  public long pid() {
    return process.pid();
  }

  /** Waits until a whole stdout line equals {@code line}; fails the test after {@code timeout}. */
  public void awaitLine(String line, Duration timeout) throws InterruptedException {
    awaitText(line + System.lineSeparator(), timeout);
  }

  /** Waits until stdout contains {@code text}; fails the test after {@code timeout}. */
  public void awaitText(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (stdout.indexOf(text) < 0) {
      if (System.nanoTime() > deadline || !process.isAlive() && !reader.isAlive()) {
        throw new AssertionError("no '" + text.strip() + "' on stdout within " + timeout + "; stdout so far:\n" + stdout
            + "\nstderr:\n" + stderr.getNow("(still running)"));
      }
      Thread.sleep(20);
    }
  }

  /** Writes one line to the process's stdin and keeps it open. */
  public void sendLine(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Writes one line to the process's stdin and closes it. */
  public void sendLineAndClose(String line) throws IOException {
    try (OutputStream in = process.getOutputStream()) {
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Waits for the exit; kills the process and fails the test after {@code timeout}. */
  public ForkedJvm.Result await(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("forked JVM still running after " + timeout + "; stdout:\n" + stdout);
    }
    reader.join(10_000);
    return new ForkedJvm.Result(process.exitValue(), stdout.toString(), stderr.get(10, TimeUnit.SECONDS));
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private void readStdout() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      char[] buf = new char[4096];
      int n;
      while ((n = r.read(buf)) >= 0) {
        stdout.append(buf, 0, n);
      }
    } catch (IOException e) {
      stdout.append("\n(reading stdout failed: ").append(e).append(')');
    }
  }
}
