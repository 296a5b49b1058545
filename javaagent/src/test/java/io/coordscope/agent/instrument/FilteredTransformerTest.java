package io.coordscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The lazy set-up behind every filter: built once, on the first class that passes, never throwing. */
class FilteredTransformerTest {

  private static final byte[] BYTES = {1, 2, 3};
  private final Module module = FilteredTransformerTest.class.getModule();

  @Test
  void nothingIsSetUpUntilAClassPasses_thenOnlyOnce() {
    AtomicInteger setUps = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    FilteredTransformer f = filter(() -> {
      setUps.incrementAndGet();
      return delegate(calls, new byte[] {9});
    });
    assertThat(f.transform(module, null, "a/Other", null, null, BYTES)).isNull();
    assertThat(f.isSetUp()).isFalse();
    assertThat(setUps).hasValue(0);
    assertThat(f.transform(module, null, "a/Hooked", null, null, BYTES)).containsExactly(9);
    assertThat(f.transform(module, null, "a/Hooked", null, null, BYTES)).containsExactly(9);
    assertThat(f.isSetUp()).isTrue();
    assertThat(setUps).hasValue(1);
    assertThat(calls).hasValue(2);
  }

  @Test
  void aSetUpThatFailsLeavesEveryClassUnchanged_andIsNotRetried() {
    AtomicInteger setUps = new AtomicInteger();
    FilteredTransformer f = filter(() -> {
      setUps.incrementAndGet();
      throw new IllegalStateException("no Byte Buddy today");
    });
    assertThat(f.transform(module, null, "a/Hooked", null, null, BYTES)).isNull();
    assertThat(f.transform(module, null, "a/Hooked", null, null, BYTES)).isNull();
    assertThat(setUps).hasValue(1);
  }

  @Test
  void aClassThatPassesWhileSettingUpOnTheSameThreadLoadsUnchanged() {
    AtomicReference<FilteredTransformer> self = new AtomicReference<>();
    AtomicReference<byte[]> nested = new AtomicReference<>(BYTES);
    AtomicInteger calls = new AtomicInteger();
    FilteredTransformer f = filter(() -> {
      nested.set(self.get().transform(module, null, "a/Hooked", null, null, BYTES));
      return delegate(calls, new byte[] {9});
    });
    self.set(f);
    assertThat(f.transform(module, null, "a/Hooked", null, null, BYTES)).containsExactly(9);
    assertThat(nested.get()).isNull();
    assertThat(calls).hasValue(1);
  }

  @Test
  void aDelegateThatThrowsLeavesTheClassUnchanged() {
    FilteredTransformer f = filter(() -> new ClassFileTransformer() {
      @Override
      public byte[] transform(Module m, ClassLoader l, String n, Class<?> c, ProtectionDomain d, byte[] b) {
        throw new IllegalStateException("boom");
      }
    });
    assertThat(f.transform(module, null, "a/Hooked", null, null, BYTES)).isNull();
    assertThat(f.transform(module, null, null, null, null, BYTES)).isNull();
  }

  @Test
  void aLargeApplicationGetsByteBuddyPreparedOnAThreadOfItsOwn_andAClassThatPassesMeanwhileIsStillTransformed()
      throws Exception {
    ClassLoader app = FilteredTransformerTest.class.getClassLoader();
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> setUpThread = new AtomicReference<>();
    AtomicInteger setUps = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    FilteredTransformer f = new FilteredTransformer("test hooks", () -> {
      setUps.incrementAndGet();
      setUpThread.set(Thread.currentThread().getName());
      await(release);
      return delegate(calls, new byte[] {9});
    }, 3, null) {
      @Override
      protected boolean passes(ClassLoader loader, String internalName, byte[] bytes) {
        return internalName.equals("a/Hooked");
      }
    };
    // Neither the JDK's classes (boot loader) nor the agent's own count as the application's.
    for (int i = 0; i < 10; i++) {
      f.transform(module, null, "java/lang/C" + i, null, null, BYTES);
      f.transform(module, app, "io/coordscope/shaded/C" + i, null, null, BYTES);
    }
    f.transform(module, app, "com/acme/A", null, null, BYTES);
    f.transform(module, app, "com/acme/B", null, null, BYTES);
    assertThat(setUps).hasValue(0);
    f.transform(module, app, "com/acme/C", null, null, BYTES); // the third: preparation starts
    awaitTrue(() -> setUps.get() == 1);
    assertThat(setUpThread.get()).isEqualTo(FilteredTransformer.PREPARE_THREAD);

    // The application loads a hooked class while the set-up is under way: it waits, then is transformed.
    AtomicReference<byte[]> hooked = new AtomicReference<>();
    Thread loading = new Thread(() -> hooked.set(f.transform(module, app, "a/Hooked", null, null, BYTES)));
    loading.start();
    release.countDown();
    loading.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(hooked.get()).containsExactly(9);
    assertThat(setUps).hasValue(1);
    assertThat(calls).hasValue(1);
    f.transform(module, app, "com/acme/D", null, null, BYTES);
    assertThat(setUps).hasValue(1);
  }

  @Test
  void aSmallApplicationNeverPreparesByteBuddy() {
    AtomicInteger setUps = new AtomicInteger();
    FilteredTransformer f = new FilteredTransformer("test hooks", () -> {
      setUps.incrementAndGet();
      return new ClassFileTransformer() {};
    }, 300, null) {
      @Override
      protected boolean passes(ClassLoader loader, String internalName, byte[] bytes) {
        return false;
      }
    };
    for (int i = 0; i < 299; i++) {
      f.transform(module, FilteredTransformerTest.class.getClassLoader(), "com/acme/C" + i, null, null, BYTES);
    }
    assertThat(f.isSetUp()).isFalse();
    assertThat(setUps).hasValue(0);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  private static FilteredTransformer filter(java.util.function.Supplier<ClassFileTransformer> setUp) {
    return new FilteredTransformer("test hooks", setUp) {
      @Override
      protected boolean passes(ClassLoader loader, String internalName, byte[] bytes) {
        return internalName.equals("a/Hooked");
      }
    };
  }

  private static ClassFileTransformer delegate(AtomicInteger calls, byte[] result) {
    return new ClassFileTransformer() {
      @Override
      public byte[] transform(Module m, ClassLoader l, String n, Class<?> c, ProtectionDomain d, byte[] b) {
        calls.incrementAndGet();
        return result;
      }
    };
  }
}
