package io.coordscope.extension;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every class the advice reaches, injected next to the application's classes (or loaded in the
 * agent's per-module class loader in indy mode). Without muzzle code generation nothing finds
 * them for us: a missing name means silently missing spans, so a test checks this list against
 * the built classes. Order: a class before the classes that extend or implement it.
 */
final class HelperClasses {

  static final List<String> NAMES =
      Collections.unmodifiableList(
          Arrays.asList(
              "io.coordscope.core.AnnotationValues",
              "io.coordscope.core.AnnotatedMethod",
              "io.coordscope.core.CardinalityLimiter",
              "io.coordscope.core.InFlightCalls$Slot",
              "io.coordscope.core.InFlightCalls",
              "io.coordscope.core.KpiShape",
              "io.coordscope.core.KpiSpec",
              "io.coordscope.core.KpiValues",
              "io.coordscope.core.MethodsInclude",
              "io.coordscope.core.Naming",
              "io.coordscope.core.OpAttributes",
              "io.coordscope.core.OperationSpec",
              "io.coordscope.core.Outcome",
              "io.coordscope.core.OutcomeRules",
              "io.coordscope.core.Outcomes",
              "io.coordscope.core.Selection",
              "io.coordscope.core.SpecReading",
              "io.coordscope.core.TelemetryNames",
              "io.coordscope.extension.runtime.ExtensionSettings",
              "io.coordscope.extension.runtime.MethodSpecs$ReflectedAnnotation",
              "io.coordscope.extension.runtime.MethodSpecs$Reflected",
              "io.coordscope.extension.runtime.MethodSpecs",
              "io.coordscope.extension.runtime.OpState",
              "io.coordscope.extension.runtime.OpRequest",
              "io.coordscope.extension.runtime.OpAttributesExtractor",
              "io.coordscope.extension.runtime.OpScope",
              "io.coordscope.extension.runtime.KpiState",
              "io.coordscope.extension.runtime.ExtensionTelemetry$PerClass",
              "io.coordscope.extension.runtime.ExtensionTelemetry$Holder",
              "io.coordscope.extension.runtime.ExtensionTelemetry",
              "io.coordscope.extension.runtime.Coordination"));

  private HelperClasses() {}
}
