package io.coordscope.agent.config;

/**
 * Every settings section, each read once: a bad value is reported at start-up (once, naming key,
 * value, source and what is allowed) and its default used, whichever part of the agent uses it.
 */
public final class AgentSettings {

  public final GeneralSettings general;
  public final SelectionSettings selection;
  public final MetricsSettings metrics;
  public final TracesSettings traces;
  public final ResourceSettings resource;
  public final OutcomeSettings outcomes;

  private AgentSettings(TypedValues c) {
    this.general = GeneralSettings.from(c);
    this.selection = SelectionSettings.from(c);
    this.metrics = MetricsSettings.from(c);
    this.traces = TracesSettings.from(c);
    this.resource = ResourceSettings.from(c);
    this.outcomes = OutcomeSettings.from(c);
  }

  public static AgentSettings from(TypedValues c) {
    return new AgentSettings(c);
  }
}
