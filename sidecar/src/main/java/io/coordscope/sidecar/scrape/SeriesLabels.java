package io.coordscope.sidecar.scrape;

import io.coordscope.sidecar.model.Labels;

/** How a scraped series' labels and its target's labels combine, as Prometheus's mutateSampleLabels. */
final class SeriesLabels {

  private SeriesLabels() {}

  /**
   * With {@code honorLabels} a scraped label wins over the target's label of the same name;
   * without it the target's label wins and the scraped value moves to {@code exported_<name>}
   * (more {@code exported_} prefixes while that name is taken too).
   */
  static Labels merge(Labels scraped, Labels target, boolean honorLabels) {
    Labels.Builder b = scraped.toBuilder();
    if (honorLabels) {
      for (int i = 0; i < target.size(); i++) {
        if (!scraped.has(target.name(i))) {
          b.set(target.name(i), target.value(i));
        }
      }
      return b.build();
    }
    for (int i = 0; i < target.size(); i++) {
      String name = target.name(i);
      String exposed = scraped.get(name);
      b.set(name, target.value(i));
      if (!exposed.isEmpty()) {
        String exported = "exported_" + name;
        while (!b.get(exported).isEmpty()) {
          exported = "exported_" + exported;
        }
        b.set(exported, exposed);
      }
    }
    return b.build();
  }
}
