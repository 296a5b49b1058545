package io.coordscope.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.pool.TypePool;

/**
 * Byte Buddy's transformation of one class, without its {@code AgentBuilder}: the class is described
 * from the bytes the JVM passes (anything else a matcher asks about, from the class's own loader),
 * decorated with the visitors {@link #decorate} adds, and written back. That is what the
 * {@code AgentBuilder}'s transformer does for the agent's hooks, but initialising that transformer
 * generates and loads a class (its module-aware subclass) and loads some 400 more Byte Buddy
 * classes: on Spring Boot it was most of the Byte Buddy set-up. The classes reaching this are few
 * (a {@link FilteredTransformer} is in front). A class loaded on the thread while it transforms
 * another is left unchanged, as the {@code AgentBuilder}'s circularity lock did. Never throws.
 */
public abstract class DecoratingTransformer implements ClassFileTransformer {

  private final ByteBuddy byteBuddy = ByteBuddySetUp.byteBuddy();
  private final ThreadLocal<Boolean> busy = new ThreadLocal<>();

  /**
   * @param builder the class, to decorate
   * @param locator finds the class's bytes and those its loader sees
   * @return the decorated builder, or null to leave the class unchanged
   */
  protected abstract DynamicType.Builder<?> decorate(
      DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader, ProtectionDomain domain, ClassFileLocator locator);

  /** After a class was decorated; {@code retransformed} if it was already loaded. */
  protected void transformed(TypeDescription type, boolean retransformed) {}

  /** A class that could not be decorated; it loads unchanged. */
  protected void failed(String className, Throwable error) {}

  @Override
  public final byte[] transform(
      Module module, ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    if (internalName == null || bytes == null || busy.get() != null) {
      return null;
    }
    busy.set(Boolean.TRUE);
    String name = internalName.replace('/', '.');
    try {
      ClassFileLocator locator =
          new ClassFileLocator.Compound(
              ClassFileLocator.Simple.of(name, bytes),
              loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
      TypePool pool = typePool(locator);
      TypeDescription type = pool.describe(name).resolve();
      DynamicType.Builder<?> decorated = decorate(byteBuddy.decorate(type, locator), type, loader, domain, locator);
      if (decorated == null) {
        return null;
      }
      byte[] out = decorated.make(TypeResolutionStrategy.Disabled.INSTANCE, pool).getBytes();
      transformed(type, redefined != null);
      return out;
    } catch (Throwable t) {
      failed(name, t);
      return null;
    } finally {
      busy.remove();
    }
  }

  /** Parses only what is asked for, without debug information (what {@code AgentBuilder} uses by default). */
  protected static TypePool typePool(ClassFileLocator locator) {
    return new TypePool.Default.WithLazyResolution(
        TypePool.CacheProvider.Simple.withObjectType(), locator, TypePool.Default.ReaderMode.FAST);
  }
}
