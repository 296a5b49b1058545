package io.coordscope.agent.instrument.hooks;

import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.asm.Advice;

/** Advice for the advice hooks test: appends "!" to the return value. */
public final class Shout {

  /** How often {@link Count} ran. */
  public static final AtomicInteger CALLS = new AtomicInteger();

  private Shout() {}

  @Advice.OnMethodExit
  static void exit(@Advice.Return(readOnly = false) String greeting) {
    greeting = greeting + "!";
  }

  /** Counts the calls of the methods it is on. */
  public static final class Count {
    private Count() {}

    @Advice.OnMethodEnter
    static void enter() {
      CALLS.incrementAndGet();
    }
  }
}
