package io.coordscope.agent.config;

/**
 * One configuration key, declared once by the settings section that reads it: its name (without
 * the {@code coordscope.} prefix), its default as the documentation shows it, and the
 * OpenTelemetry setting that feeds it when coordscope's own key is absent.
 */
public final class Key {

  private final String name;
  /** A literal default ({@code 9464}), or null. */
  private final String defaultValue;
  /** The default in words when it is computed or absent ({@code none}). */
  private final String defaultWords;
  private final String otel;
  private final boolean mapValued;

  private Key(String name, String defaultValue, String defaultWords, String otel, boolean mapValued) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.defaultWords = defaultWords;
    this.otel = otel;
    this.mapValued = mapValued;
  }

  /** A key with a literal default. */
  public static Key of(String name, Object defaultValue) {
    return new Key(name, String.valueOf(defaultValue), null, null, false);
  }

  /** A key without a default: unset means "not configured". */
  public static Key optional(String name) {
    return new Key(name, null, "none", null, false);
  }

  /** A key whose default is computed at start, described in words. */
  public static Key computed(String name, String defaultWords) {
    return new Key(name, null, defaultWords, null, false);
  }

  /** The same key, also fed by the OpenTelemetry system property {@code property} and its variable. */
  public Key otel(String property) {
    return new Key(name, defaultValue, defaultWords, property, mapValued);
  }

  /** The same key, holding {@code k=v,k=v} pairs that the agent-argument parser keeps together. */
  public Key mapValued() {
    return new Key(name, defaultValue, defaultWords, otel, true);
  }

  public String name() {
    return name;
  }

  /** The literal default, or null when there is none (or it is computed). */
  public String defaultValue() {
    return defaultValue;
  }

  /** The OpenTelemetry system property feeding this key ({@code otel.service.name}), or null. */
  public String otel() {
    return otel;
  }

  public boolean isMapValued() {
    return mapValued;
  }

  /** The default as the README's table shows it: {@code `9464`}, or words such as {@code none}. */
  public String documentedDefault() {
    return defaultValue != null ? '`' + defaultValue + '`' : defaultWords;
  }

  @Override
  public String toString() {
    return name;
  }
}
