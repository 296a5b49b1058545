package io.coordscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.instrument.hooks.Greeter;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import org.junit.jupiter.api.Test;

/** Byte Buddy's decoration of one class: re-entrance, failures and "nothing to do" leave classes unchanged. */
class DecoratingTransformerTest {

  private static final String GREETER = Greeter.class.getName().replace('.', '/');
  private final ClassLoader loader = DecoratingTransformerTest.class.getClassLoader();
  private final Module module = DecoratingTransformerTest.class.getModule();
  private final byte[] bytes = ClassFileLocator.ForClassLoader.read(Greeter.class);

  @Test
  void aClassTransformedWhileTheSameThreadTransformsAnotherLoadsUnchanged() {
    AtomicReference<byte[]> nested = new AtomicReference<>(new byte[0]);
    List<String> described = new ArrayList<>();
    DecoratingTransformer t = new DecoratingTransformer() {
      @Override
      protected DynamicType.Builder<?> decorate(
          DynamicType.Builder<?> builder, TypeDescription type, ClassLoader l, ProtectionDomain d, ClassFileLocator locator) {
        described.add(type.getName());
        nested.set(transform(module, loader, GREETER, null, null, bytes));
        return builder;
      }
    };

    assertThat(t.transform(module, loader, GREETER, null, null, bytes)).isNotNull();
    assertThat(nested.get()).isNull();
    assertThat(described).containsExactly(Greeter.class.getName());
    assertThat(t.transform(module, loader, GREETER, null, null, bytes)).isNotNull(); // the guard was released
  }

  @Test
  void nothingToDecorate_orAFailure_leavesTheClassUnchangedAndIsReported() {
    List<String> failed = new ArrayList<>();
    DecoratingTransformer t = new DecoratingTransformer() {
      @Override
      protected DynamicType.Builder<?> decorate(
          DynamicType.Builder<?> builder, TypeDescription type, ClassLoader l, ProtectionDomain d, ClassFileLocator locator) {
        if (type.getName().endsWith("Greeter")) {
          return null;
        }
        throw new IllegalStateException("boom");
      }

      @Override
      protected void failed(String className, Throwable error) {
        failed.add(className + ": " + error.getMessage());
      }
    };

    assertThat(t.transform(module, loader, GREETER, null, null, bytes)).isNull();
    assertThat(failed).isEmpty();
    String self = DecoratingTransformerTest.class.getName();
    assertThat(t.transform(module, loader, self.replace('.', '/'), null, null,
        ClassFileLocator.ForClassLoader.read(DecoratingTransformerTest.class))).isNull();
    assertThat(failed).containsExactly(self + ": boom");
  }
}
