package io.coordscope.agent.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Several {@link HeldApp}s started at once: the OpenTelemetry agent's start-up takes up to minutes
 * on a busy machine, so services are not started one after the other. Closing stops them all.
 */
public final class HeldApps implements AutoCloseable {

  private final List<HeldApp> apps;

  private HeldApps(List<HeldApp> apps) {
    this.apps = apps;
  }

  /** Starts {@code jvms[i]} and waits for {@code readyLines[i]}, all in parallel. */
  public static HeldApps start(List<ForkedJvm> jvms, List<String> readyLines, Duration timeout) throws Exception {
    List<CompletableFuture<HeldApp>> starting = new ArrayList<>();
    for (int i = 0; i < jvms.size(); i++) {
      ForkedJvm jvm = jvms.get(i);
      String line = readyLines.get(i);
      starting.add(CompletableFuture.supplyAsync(() -> {
        try {
          return HeldApp.start(jvm, line, timeout);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CompletionException(e);
        }
      }));
    }
    List<HeldApp> started = new ArrayList<>();
    Throwable failure = null;
    for (CompletableFuture<HeldApp> f : starting) {
      try {
        started.add(f.get());
      } catch (ExecutionException e) {
        failure = failure == null ? e.getCause() : failure;
      }
    }
    if (failure != null) {
      started.forEach(HeldApp::close);
      if (failure instanceof Error) {
        throw (Error) failure;
      }
      throw new AssertionError("a service did not start", failure);
    }
    return new HeldApps(started);
  }

  public HeldApp get(int i) {
    return apps.get(i);
  }

  /** Lets every app exit (stdin closed) and returns their results, in start order. */
  public List<ForkedJvm.Result> finish(Duration timeout) throws Exception {
    List<ForkedJvm.Result> results = new ArrayList<>();
    for (HeldApp a : apps) {
      results.add(a.finish(timeout));
    }
    return results;
  }

  @Override
  public void close() {
    apps.forEach(HeldApp::close);
  }
}
