package io.coordscope.agent.instrument;

import io.coordscope.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The transformer the JVM calls for every class, in front of a Byte Buddy transformer: a cheap
 * test on the class's name (and, if need be, its raw bytes) decides whether the class goes on, and
 * the Byte Buddy transformer behind is built on the first class that does. A Byte Buddy
 * transformer does real work for every class it is handed (a class file locator, a type pool, its
 * matchers), and the first one loads several hundred Byte Buddy classes; an application that never
 * loads a class of interest pays neither. Never throws.
 */
public abstract class FilteredTransformer implements ClassFileTransformer {

  /** Passes nothing on; what a transformer whose set-up failed becomes. */
  private static final ClassFileTransformer NONE = new ClassFileTransformer() {};

  private final String what;
  private final Supplier<ClassFileTransformer> setUp;
  /**
   * One lock for every filter's set-up, not one each: a set-up that loads a class another filter
   * passes would otherwise wait for that filter's lock while its holder waits for Byte Buddy's
   * class initialisation, which the first set-up is running (a deadlock of the application's class
   * loading).
   */
  private static final Object SET_UP_LOCK = new Object();

  /** The thread running a set-up, while it does (guarded by {@link #SET_UP_LOCK}). */
  private static Thread settingUp;

  private volatile ClassFileTransformer delegate;

  /**
   * With {@code log.level=debug} only: time spent in {@link #passes} over every class, and in the
   * transformer behind (set-up included) for the classes passed on, printed with each class passed on.
   */
  private final boolean timed = AgentLog.isDebug();

  private final AtomicLong filterNanos = new AtomicLong();
  private final AtomicLong filtered = new AtomicLong();
  private final AtomicLong byteBuddyNanos = new AtomicLong();

  /**
   * @param what what the transformer instruments, for the message if its set-up fails
   * @param setUp builds the Byte Buddy transformer; called once, for the first class that passes
   */
  protected FilteredTransformer(String what, Supplier<ClassFileTransformer> setUp) {
    this.what = what;
    this.setUp = setUp;
  }

  /**
   * Whether the class goes on to Byte Buddy. Called for every class the JVM loads or
   * retransforms, so it must be cheap; {@code loader} is null for the bootstrap loader.
   */
  protected abstract boolean passes(ClassLoader loader, String internalName, byte[] bytes);

  @Override
  public final byte[] transform(
      Module module, ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    try {
      if (timed) {
        return timedTransform(module, loader, internalName, redefined, domain, bytes);
      }
      if (internalName == null || bytes == null || !passes(loader, internalName, bytes)) {
        return null;
      }
      return delegate().transform(module, loader, internalName, redefined, domain, bytes);
    } catch (Throwable t) {
      return null; // the class loads unchanged; the transformer behind reports its own failures
    }
  }

  private byte[] timedTransform(
      Module module, ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] bytes)
      throws Exception {
    long t0 = System.nanoTime();
    boolean passes = internalName != null && bytes != null && passes(loader, internalName, bytes);
    long t1 = System.nanoTime();
    filterNanos.addAndGet(t1 - t0);
    long n = filtered.incrementAndGet();
    if (!passes) {
      return null;
    }
    byte[] out = delegate().transform(module, loader, internalName, redefined, domain, bytes);
    long bb = byteBuddyNanos.addAndGet(System.nanoTime() - t1);
    AgentLog.debug(what + ": " + internalName + " passed on (" + (out == null ? "unchanged" : "transformed") + "); so far "
        + n + " classes filtered in " + filterNanos.get() / 1_000_000 + " ms, transforming " + bb / 1_000_000 + " ms");
    return out;
  }

  /** Whether the Byte Buddy transformer has been built; for tests and start-up logs. */
  public final boolean isSetUp() {
    return delegate != null;
  }

  private ClassFileTransformer delegate() {
    ClassFileTransformer t = delegate;
    if (t == null) {
      synchronized (SET_UP_LOCK) {
        t = delegate;
        if (t == null) {
          if (settingUp == Thread.currentThread()) {
            // A set-up (this filter's or another's) loads a class that passes: it loads unchanged
            // rather than recursing into a set-up while Byte Buddy is half initialised.
            AgentLog.debug(what + ": a class that passes was loaded while setting up, left unchanged");
            return NONE;
          }
          // Classes Byte Buddy loads meanwhile come back to transform() and mostly stop at passes().
          settingUp = Thread.currentThread();
          try {
            t = setUp.get();
          } catch (RuntimeException | LinkageError e) {
            AgentLog.warn(what + " disabled: its instrumentation could not be set up", e);
            t = NONE;
          } finally {
            settingUp = null;
          }
          delegate = t;
        }
      }
    }
    return t;
  }
}
