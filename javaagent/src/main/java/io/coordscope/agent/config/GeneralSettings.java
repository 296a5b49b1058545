package io.coordscope.agent.config;

/** Whether the agent runs at all, where more keys come from, and how much it says. */
public final class GeneralSettings {

  static final boolean DEFAULT_ENABLED = true;
  public static final Key ENABLED = Key.of("enabled", DEFAULT_ENABLED);
  /** Read while loading ({@link AgentConfig#load}), before the other keys: see {@link ConfigFile}. */
  public static final Key CONFIG = Key.optional("config");
  public static final Key LOG_LEVEL = Key.of("log.level", "info");
  public static final String[] LOG_LEVELS = {"debug", "info", "warn", "error", "off"};

  static final Key[] KEYS = {ENABLED, CONFIG, LOG_LEVEL};

  /** {@code false} installs nothing and binds no port. */
  public final boolean enabled;
  /** One of {@link #LOG_LEVELS}. */
  public final String logLevel;

  private GeneralSettings(boolean enabled, String logLevel) {
    this.enabled = enabled;
    this.logLevel = logLevel;
  }

  /** Reads the section; a bad value is reported once and its default used. */
  public static GeneralSettings from(TypedValues c) {
    return new GeneralSettings(
        c.getBoolean(ENABLED.name(), DEFAULT_ENABLED), c.getEnum(LOG_LEVEL.name(), LOG_LEVEL.defaultValue(), LOG_LEVELS));
  }
}
