package io.coordscope.agent.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A forked application that holds (prints a ready line, then waits for stdin to close) so a test
 * can scrape its metrics endpoint while it runs; then {@link #finish} lets it exit.
 */
public final class HeldApp implements AutoCloseable {

  private final Process process;
  private final StringBuilder stdout = new StringBuilder();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final CompletableFuture<String> stderr;
  private final Thread reader;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HeldApp(Process process, String readyLine) {
    this.process = process;
    this.stderr = ForkedJvm.drain(process.getErrorStream());
    reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (stdout) {
                    stdout.append(line).append(System.lineSeparator());
                  }
                  if (line.equals(readyLine)) {
                    ready.countDown();
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "held-app-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the process and waits for its ready line; fails the test with its output if it never comes. */
  public static HeldApp start(ForkedJvm jvm, String readyLine, Duration timeout) throws InterruptedException {
    HeldApp app = new HeldApp(jvm.start(), readyLine);
    if (!app.ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      app.process.destroyForcibly();
      throw new AssertionError("no '" + readyLine + "' within " + timeout + "; stdout:\n" + app.stdout()
          + "\nstderr:\n" + app.stderr.getNow(""));
    }
    return app;
  }

  /** A free TCP port on loopback (closed again: the caller binds it soon after). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** GET {@code url} with an Accept header; returns the body, failing on a non-200 status. */
  public String get(String url, String accept) throws IOException, InterruptedException {
    return get(url, accept, Duration.ofSeconds(10));
  }

  /** As {@link #get(String, String)}, for a request that may be slow (e.g. the first through cold agents). */
  public String get(String url, String accept, Duration timeout) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).timeout(timeout).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + url + " -> " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  public String stdout() {
    synchronized (stdout) {
      return stdout.toString();
    }
  }

  /** Closes the app's stdin and waits for it to exit. */
  public ForkedJvm.Result finish(Duration timeout) throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the app did not exit within " + timeout + " after stdin closed; stderr:\n"
          + stderr.getNow(""));
    }
    String err = stderr.get(10, TimeUnit.SECONDS);
    // The stdout reader ends at end of stream, right after the exit.
    reader.join(10_000);
    return new ForkedJvm.Result(process.exitValue(), stdout(), err);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
