package io.coordscope.extension;

import io.coordscope.core.Selection;
import io.coordscope.extension.runtime.ExtensionSettings;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * The coordscope instrumentation inside the upstream OpenTelemetry Java agent: operations and KPIs
 * selected by annotation name or method list. Disabled with
 * {@code otel.instrumentation.coordscope.enabled=false}.
 */
public class CoordscopeInstrumentationModule extends InstrumentationModule {

  public CoordscopeInstrumentationModule() {
    super("coordscope");
  }

  /**
   * Only class loaders that can see {@code @CoordinationOp} can define classes carrying our
   * annotations; with extra annotations or method lists every loader is a candidate.
   */
  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    Selection s = ExtensionSettings.selection(false);
    return s.onlyOwnAnnotations()
        ? AgentElementMatchers.hasClassesNamed(Selection.COORDINATION_OP)
        : ElementMatchers.any();
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    Selection s = ExtensionSettings.selection(true);
    return Arrays.asList(new OperationInstrumentation(s), new KpiInstrumentation(s));
  }

  /** Under Maven there is no muzzle code generation: every class the advice reaches is listed. */
  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HelperClasses.NAMES;
  }
}
