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

  /** Application classes to see before preparing Byte Buddy on a thread of its own; 0: never. */
  private final int prepareAfter;
  /** A JDK class (internal name) whose transformation the preparation rehearses; or null. */
  private final String rehearsal;
  /** Racy on purpose: an approximate count is enough to decide that an application is large. */
  private int applicationClassesSeen;
  private volatile boolean preparing;

  /**
   * With {@code log.level=debug} only: time spent in {@link #passes} over every class, and in Byte
   * Buddy (set-up included) for the classes passed on, printed with each class passed on.
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
    this(what, setUp, 0, null);
  }

  /**
   * @param prepareAfter once this many application classes (any loader but the boot loader, not
   *     the agent's own) were loaded and no class passed yet, Byte Buddy is set up on the thread
   *     {@value #PREPARE_THREAD}, and {@code rehearsal} transformed there with the result thrown
   *     away, so that the Byte Buddy classes and code a first transformation needs are loaded off
   *     the application's threads; 0 never does. An application that loads few classes (a
   *     do-nothing {@code main}) never pays for it; a large one is all but sure to load a hooked
   *     class (an executor) soon, and then finds Byte Buddy ready, or waits for the set-up under
   *     way as it would have run it itself.
   * @param rehearsal the internal name of a JDK class the set-up transformer changes, or null
   */
  protected FilteredTransformer(String what, Supplier<ClassFileTransformer> setUp, int prepareAfter, String rehearsal) {
    this.what = what;
    this.setUp = setUp;
    this.prepareAfter = prepareAfter;
    this.rehearsal = rehearsal;
  }

  static final String PREPARE_THREAD = "coordscope-prepare";

  /**
   * Whether the class goes on to Byte Buddy. Called for every class the JVM loads or
   * retransforms, so it must be cheap; {@code loader} is null for the bootstrap loader.
   */
  protected abstract boolean passes(ClassLoader loader, String internalName, byte[] bytes);

  @Override
  public final byte[] transform(
      Module module, ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    try {
      if (prepareAfter > 0 && delegate == null && !preparing && loader != null && internalName != null
          && !internalName.startsWith("io/coordscope/") && ++applicationClassesSeen >= prepareAfter) {
        prepare();
      }
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
        + n + " classes filtered in " + filterNanos.get() / 1_000_000 + " ms, Byte Buddy " + bb / 1_000_000 + " ms");
    return out;
  }

  /** Starts the preparation thread, once. */
  private void prepare() {
    preparing = true;
    Thread t =
        new Thread(PREPARE_THREAD) {
          @Override
          public void run() {
            prepareNow();
          }
        };
    t.setDaemon(true);
    t.start();
  }

  /** Sets Byte Buddy up and rehearses a transformation, on the calling thread; never throws. */
  final void prepareNow() {
    try {
      long t0 = System.nanoTime();
      ClassFileTransformer t = delegate();
      if (rehearsal != null && t instanceof DecoratingTransformer) {
        byte[] bytes;
        try (java.io.InputStream in = ClassLoader.getSystemResourceAsStream(rehearsal + ".class")) {
          bytes = in == null ? null : in.readAllBytes();
        }
        if (bytes != null) {
          ((DecoratingTransformer) t).rehearse(rehearsal, bytes);
        }
      }
      AgentLog.debug(what + ": Byte Buddy prepared ahead in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    } catch (Throwable e) {
      AgentLog.debug(what + ": preparing Byte Buddy ahead failed (it is set up on the first class that passes): " + e);
    }
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
