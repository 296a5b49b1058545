package io.coordscope.sidecar.health;

/** The parts of the score, each 0..1; the label value of {@code coordscope_health_component}. */
public enum Component {
  ERRORS("errors"),
  LATENCY("latency"),
  LIVENESS("liveness"),
  KPIS("kpis"),
  THROUGHPUT("throughput");

  private final String label;

  Component(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The component named {@code label}, or null. */
  public static Component of(String label) {
    for (Component c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    return null;
  }
}
