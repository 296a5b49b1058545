package io.coordscope.agent.metrics;

import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The application's Micrometer, reached by reflection: the agent's own Micrometer is relocated
 * inside its jar, so the two share no class, and no application class is bundled. Only the
 * builder API of Micrometer 1.1 and later is used ({@code Gauge}, {@code FunctionCounter},
 * {@code FunctionTimer}; {@code tags(String...)}, {@code description}, {@code baseUnit},
 * {@code register}); every method is resolved once, in {@link #resolve}, and a Micrometer that
 * lacks one is refused there as a whole.
 */
final class AppMicrometer {

  /**
   * The application's package, built at run time: the agent jar's relocation rewrites every
   * {@code "io.micrometer..."} literal to the agent's own shaded copy.
   */
  static final String PACKAGE = String.join(".", "io", "micrometer", "core", "instrument");

  static final String METRICS = PACKAGE + ".Metrics";

  /** {@code Metrics.globalRegistry}, a {@code CompositeMeterRegistry}. */
  final Object globalRegistry;
  /** The Micrometer version from its jar's manifest, or {@code unknown}. */
  final String version;

  private final Kind gauge;
  private final Kind counter;
  private final Kind timer;
  private final Method gaugeStrongReference;

  /** One meter type's static {@code builder(...)} and the builder's methods. */
  private static final class Kind {
    final Method builder;
    final Method tags;
    final Method description;
    /** Null for {@code FunctionTimer}, whose unit is the registry's time unit. */
    final Method baseUnit;
    final Method register;

    Kind(ClassLoader loader, String meter, boolean withUnit, Class<?> registry, Class<?>... builderArgs)
        throws ReflectiveOperationException {
      Class<?> type = Class.forName(meter, false, loader);
      Class<?> b = Class.forName(meter + "$Builder", false, loader);
      this.builder = type.getMethod("builder", builderArgs);
      this.tags = b.getMethod("tags", String[].class);
      this.description = b.getMethod("description", String.class);
      this.baseUnit = withUnit ? b.getMethod("baseUnit", String.class) : null;
      this.register = b.getMethod("register", registry);
    }
  }

  private AppMicrometer(Class<?> metrics) throws ReflectiveOperationException {
    ClassLoader loader = metrics.getClassLoader();
    Class<?> registry = Class.forName(PACKAGE + ".MeterRegistry", false, loader);
    this.globalRegistry = metrics.getField("globalRegistry").get(null);
    String p = PACKAGE + '.';
    this.gauge = new Kind(loader, p + "Gauge", true, registry, String.class, Object.class, ToDoubleFunction.class);
    this.counter = new Kind(loader, p + "FunctionCounter", true, registry, String.class, Object.class, ToDoubleFunction.class);
    this.timer =
        new Kind(loader, p + "FunctionTimer", false, registry,
            String.class, Object.class, ToLongFunction.class, ToDoubleFunction.class, TimeUnit.class);
    this.gaugeStrongReference = gauge.builder.getReturnType().getMethod("strongReference", boolean.class);
    Package pkg = metrics.getPackage();
    String v = pkg == null ? null : pkg.getImplementationVersion();
    this.version = v == null ? "unknown" : v;
  }

  /**
   * The application's Micrometer of the class {@code metrics}, or an exception naming what is
   * missing (a Micrometer older than 1.1, or not Micrometer at all).
   */
  static AppMicrometer resolve(Class<?> metrics) throws ReflectiveOperationException {
    return new AppMicrometer(metrics);
  }

  <T> void gauge(String name, String description, String baseUnit, String[] tags, T obj, ToDoubleFunction<T> f)
      throws ReflectiveOperationException {
    Object b = gauge.builder.invoke(null, name, obj, f);
    gaugeStrongReference.invoke(b, true);
    register(gauge, b, description, baseUnit, tags);
  }

  <T> void functionCounter(String name, String description, String baseUnit, String[] tags, T obj, ToDoubleFunction<T> f)
      throws ReflectiveOperationException {
    register(counter, counter.builder.invoke(null, name, obj, f), description, baseUnit, tags);
  }

  <T> void functionTimer(
      String name, String description, String[] tags, T obj, ToLongFunction<T> count, ToDoubleFunction<T> totalSeconds)
      throws ReflectiveOperationException {
    register(timer, timer.builder.invoke(null, name, obj, count, totalSeconds, TimeUnit.SECONDS), description, null, tags);
  }

  private void register(Kind k, Object builder, String description, String baseUnit, String[] tags)
      throws ReflectiveOperationException {
    k.tags.invoke(builder, (Object) tags);
    if (description != null) {
      k.description.invoke(builder, description);
    }
    if (baseUnit != null && k.baseUnit != null) {
      k.baseUnit.invoke(builder, baseUnit);
    }
    k.register.invoke(builder, globalRegistry);
  }
}
