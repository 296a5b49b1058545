package io.coordscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
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
