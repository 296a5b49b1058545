package io.coordscope.agent.config;

import io.coordscope.core.Outcome;
import io.coordscope.core.OutcomeRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code outcomes.conflict}, {@code outcomes.timeout}, {@code outcomes.rejected}: exception class
 * names that mean those outcomes instead of {@code error}, for every operation, without code. Parsed
 * into the core's {@link OutcomeRules}, which also decides precedence against annotations.
 */
public final class OutcomeSettings {

  public static final Key CONFLICT = Key.optional(Outcome.CONFLICT.configKey());
  public static final Key TIMEOUT = Key.optional(Outcome.TIMEOUT.configKey());
  public static final Key REJECTED = Key.optional(Outcome.REJECTED.configKey());

  static final Key[] KEYS = {CONFLICT, TIMEOUT, REJECTED};

  /** The configured rules; {@link OutcomeRules#NONE} when no key is set. */
  public final OutcomeRules rules;

  private OutcomeSettings(OutcomeRules rules) {
    this.rules = rules;
  }

  public static OutcomeSettings from(TypedValues c) {
    Map<Outcome, List<String>> names = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.DECLARABLE) {
      String raw = c.get(o.configKey(), null);
      List<String> invalid = new ArrayList<>();
      names.put(o, OutcomeRules.parseClassNames(raw, invalid));
      if (!invalid.isEmpty()) {
        c.reportInvalid(o.configKey(), raw,
            "comma-separated exception class names, e.g. org.hibernate.StaleObjectStateException (not: "
                + String.join(", ", invalid) + ")",
            "the valid names only");
      }
    }
    return new OutcomeSettings(OutcomeRules.of(names));
  }
}
