package io.coordscope.sidecar.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.SeriesNotation.Point;
import io.coordscope.sidecar.tsdb.StaleMarker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesNotationTest {

  @Test
  void expandsRepetitionsAndSequences() {
    assertThat(SeriesNotation.parseValues("1+2x3")).containsExactly(new Point(0, 1), new Point(1, 3), new Point(2, 5), new Point(3, 7));
    assertThat(SeriesNotation.parseValues("5-1x2 7x1")).containsExactly(new Point(0, 5), new Point(1, 4), new Point(2, 3),
        new Point(3, 7), new Point(4, 7));
    assertThat(SeriesNotation.parseValues("-1e1+1.5e0x1")).containsExactly(new Point(0, -10), new Point(1, -8.5));
  }

  @Test
  void blanksSkipStepsAndStaleIsAMarker() {
    List<Point> p = SeriesNotation.parseValues("1 _ _x2 stale Inf -NaN");
    assertThat(p).extracting(Point::step).containsExactly(0, 4, 5, 6);
    assertThat(StaleMarker.is(p.get(1).value())).isTrue();
    assertThat(p.get(2).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(p.get(3).value()).isNaN();
  }

  @Test
  void parsesSeriesSelectors() {
    assertThat(SeriesNotation.parseSeries("up{job=\"a\", instance='b',}")).isEqualTo(Labels.of("__name__", "up", "job", "a", "instance", "b"));
    assertThat(SeriesNotation.parseSeries("{__name__=\"x:y\"}")).isEqualTo(Labels.of("__name__", "x:y"));
    assertThat(SeriesNotation.parseSeries("{}")).isEqualTo(Labels.EMPTY);
    SeriesNotation.Definition d = SeriesNotation.parseLine("  m{a=\"x y}\"}\t1 2");
    assertThat(d.labels()).isEqualTo(Labels.of("__name__", "m", "a", "x y}"));
    assertThat(d.points()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1+", "1x", "abc", "1+2", "_y", "1x-3", "1 2 3x99999999"})
  void badValuesAreRefusedWithTheItem(String values) {
    assertThatThrownBy(() -> SeriesNotation.parseValues(values)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"up{job=~\"a\"}", "up{job=\"a\"", "up job", "up{=\"a\"}", "{", "up{job", "up{job=", "job:{p:sum{job=\"a\"}"})
  void badSeriesAreRefused(String series) {
    assertThatThrownBy(() -> SeriesNotation.parseSeries(series)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad series");
  }

  @Test
  void numbersAsGoParsesThem() {
    assertThat(SeriesNotation.parseNumber("0x10")).isEqualTo(16);
    assertThat(SeriesNotation.parseNumber("-.5")).isEqualTo(-0.5);
    assertThat(SeriesNotation.parseNumber("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> SeriesNotation.parseNumber("1d")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> SeriesNotation.parseNumber("{} 1")).isInstanceOf(NumberFormatException.class);
  }
}
