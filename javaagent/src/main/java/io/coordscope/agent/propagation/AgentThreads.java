package io.coordscope.agent.propagation;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that carry the agent's own traffic (the OTLP sender): HTTP requests made on them are
 * never traced and carry no propagation headers. Recognised by type, an {@code instanceof} per
 * request.
 */
public final class AgentThreads {

  private AgentThreads() {}

  /** A daemon thread of the agent. */
  static final class AgentThread extends Thread {
    AgentThread(Runnable r, String name) {
      super(r, name);
      setDaemon(true);
    }
  }

  public static boolean isAgentThread() {
    return Thread.currentThread() instanceof AgentThread;
  }

  /** A cached pool of agent threads named {@code prefix-N}: none while idle, as the SDK's own sender pool. */
  public static ExecutorService cachedPool(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> new AgentThread(r, prefix + '-' + n.incrementAndGet()));
  }
}
