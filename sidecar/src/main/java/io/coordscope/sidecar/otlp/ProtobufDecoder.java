package io.coordscope.sidecar.otlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a protobuf {@code ExportMetricsServiceRequest} (opentelemetry-proto {@code
 * collector/metrics/v1}) with {@link WireReader}. Field numbers are those of {@code
 * metrics/v1/metrics.proto}; unknown fields are skipped, so newer senders still decode.
 */
final class ProtobufDecoder {

  private ProtobufDecoder() {}

  static List<OtlpResource> decode(byte[] body) throws OtlpException {
    WireReader r = new WireReader(body);
    List<OtlpResource> out = new ArrayList<>();
    while (r.hasMore()) {
      int tag = r.tag();
      if (WireReader.field(tag) == 1) { // resource_metrics
        r.expect(tag, WireReader.LEN);
        out.add(resourceMetrics(r.message()));
      } else {
        r.skip(tag);
      }
    }
    return out;
  }

  private static OtlpResource resourceMetrics(WireReader r) throws OtlpException {
    Map<String, String> attrs = new LinkedHashMap<>();
    List<OtlpMetric> metrics = new ArrayList<>();
    while (r.hasMore()) {
      int tag = r.tag();
      switch (WireReader.field(tag)) {
        case 1 -> { // resource
          r.expect(tag, WireReader.LEN);
          WireReader res = r.message();
          while (res.hasMore()) {
            int t = res.tag();
            if (WireReader.field(t) == 1) {
              res.expect(t, WireReader.LEN);
              keyValue(res.message(), attrs);
            } else {
              res.skip(t);
            }
          }
        }
        case 2 -> { // scope_metrics
          r.expect(tag, WireReader.LEN);
          WireReader scope = r.message();
          while (scope.hasMore()) {
            int t = scope.tag();
            if (WireReader.field(t) == 2) {
              scope.expect(t, WireReader.LEN);
              metrics.add(metric(scope.message()));
            } else {
              scope.skip(t);
            }
          }
        }
        default -> r.skip(tag);
      }
    }
    return new OtlpResource(attrs, metrics);
  }

  private static OtlpMetric metric(WireReader r) throws OtlpException {
    String name = "";
    String unit = "";
    OtlpMetric.Type type = OtlpMetric.Type.NONE;
    int temporality = 0;
    boolean monotonic = false;
    List<DataPoint> points = new ArrayList<>();
    while (r.hasMore()) {
      int tag = r.tag();
      int field = WireReader.field(tag);
      switch (field) {
        case 1 -> {
          r.expect(tag, WireReader.LEN);
          name = r.string();
        }
        case 3 -> {
          r.expect(tag, WireReader.LEN);
          unit = r.string();
        }
        case 5, 7, 9, 10, 11 -> {
          r.expect(tag, WireReader.LEN);
          type = switch (field) {
            case 5 -> OtlpMetric.Type.GAUGE;
            case 7 -> OtlpMetric.Type.SUM;
            case 9 -> OtlpMetric.Type.HISTOGRAM;
            case 10 -> OtlpMetric.Type.EXPONENTIAL_HISTOGRAM;
            default -> OtlpMetric.Type.SUMMARY;
          };
          points.clear();
          WireReader data = r.message();
          while (data.hasMore()) {
            int t = data.tag();
            switch (WireReader.field(t)) {
              case 1 -> {
                data.expect(t, WireReader.LEN);
                points.add(point(type, data.message()));
              }
              case 2 -> {
                data.expect(t, WireReader.VARINT);
                temporality = (int) data.varint();
              }
              case 3 -> {
                data.expect(t, WireReader.VARINT);
                monotonic = data.varint() != 0;
              }
              default -> data.skip(t);
            }
          }
        }
        default -> r.skip(tag);
      }
    }
    return new OtlpMetric(name, unit, type, temporality, monotonic, points);
  }

  /** Field numbers differ by type: attributes are 7 (number, summary), 9 (histogram), 1 (exponential). */
  private static DataPoint point(OtlpMetric.Type type, WireReader r) throws OtlpException {
    int attrField = switch (type) {
      case HISTOGRAM -> 9;
      case EXPONENTIAL_HISTOGRAM -> 1;
      default -> 7;
    };
    int flagsField = switch (type) {
      case HISTOGRAM, EXPONENTIAL_HISTOGRAM -> 10;
      default -> 8;
    };
    Map<String, String> attrs = new LinkedHashMap<>();
    long start = 0;
    long time = 0;
    int flags = 0;
    boolean hasValue = false;
    double value = 0;
    long count = 0;
    double sum = Double.NaN;
    LongList buckets = new LongList();
    List<Double> bounds = new ArrayList<>();
    List<Double> quantiles = new ArrayList<>();
    List<Double> quantileValues = new ArrayList<>();
    boolean number = type == OtlpMetric.Type.GAUGE || type == OtlpMetric.Type.SUM;
    while (r.hasMore()) {
      int tag = r.tag();
      int f = WireReader.field(tag);
      if (f == attrField) {
        r.expect(tag, WireReader.LEN);
        keyValue(r.message(), attrs);
      } else if (f == flagsField) {
        r.expect(tag, WireReader.VARINT);
        flags = (int) r.varint();
      } else if (f == 2 || f == 3) {
        r.expect(tag, WireReader.FIXED64);
        long v = r.fixed64();
        if (f == 2) {
          start = v;
        } else {
          time = v;
        }
      } else if (number && (f == 4 || f == 6)) { // as_double, as_int (sfixed64)
        r.expect(tag, WireReader.FIXED64);
        hasValue = true;
        value = f == 4 ? r.double64() : (double) r.fixed64();
      } else if (!number && f == 4) {
        r.expect(tag, WireReader.FIXED64);
        count = r.fixed64();
      } else if (!number && f == 5) {
        r.expect(tag, WireReader.FIXED64);
        sum = r.double64();
      } else if (type == OtlpMetric.Type.HISTOGRAM && f == 6) {
        repeatedFixed64(r, tag, buckets, null);
      } else if (type == OtlpMetric.Type.HISTOGRAM && f == 7) {
        repeatedFixed64(r, tag, null, bounds);
      } else if (type == OtlpMetric.Type.SUMMARY && f == 6) {
        r.expect(tag, WireReader.LEN);
        WireReader q = r.message();
        double quantile = 0;
        double qv = 0;
        while (q.hasMore()) {
          int t = q.tag();
          switch (WireReader.field(t)) {
            case 1 -> {
              q.expect(t, WireReader.FIXED64);
              quantile = q.double64();
            }
            case 2 -> {
              q.expect(t, WireReader.FIXED64);
              qv = q.double64();
            }
            default -> q.skip(t);
          }
        }
        quantiles.add(quantile);
        quantileValues.add(qv);
      } else {
        r.skip(tag);
      }
    }
    return new DataPoint(attrs, start, time, flags, hasValue, value, count, sum, buckets.toArray(),
        doubles(bounds), doubles(quantiles), doubles(quantileValues));
  }

  /** A repeated fixed64/double field: packed (one LEN field) or, as parsers must accept, unpacked. */
  private static void repeatedFixed64(WireReader r, int tag, LongList longs, List<Double> doubles)
      throws OtlpException {
    if (WireReader.wireType(tag) == WireReader.LEN) {
      WireReader packed = r.message();
      while (packed.hasMore()) {
        addFixed64(packed, longs, doubles);
      }
    } else {
      r.expect(tag, WireReader.FIXED64);
      addFixed64(r, longs, doubles);
    }
  }

  private static void addFixed64(WireReader r, LongList longs, List<Double> doubles) throws OtlpException {
    if (longs != null) {
      longs.add(r.fixed64());
    } else {
      doubles.add(r.double64());
    }
  }

  private static void keyValue(WireReader r, Map<String, String> into) throws OtlpException {
    String key = "";
    String value = "";
    while (r.hasMore()) {
      int tag = r.tag();
      switch (WireReader.field(tag)) {
        case 1 -> {
          r.expect(tag, WireReader.LEN);
          key = r.string();
        }
        case 2 -> {
          r.expect(tag, WireReader.LEN);
          value = anyValue(r.message()).text;
        }
        default -> r.skip(tag);
      }
    }
    into.put(key, value);
  }

  private record Rendered(String text, boolean quoted) {}

  private static Rendered anyValue(WireReader r) throws OtlpException {
    Rendered v = new Rendered("", true);
    while (r.hasMore()) {
      int tag = r.tag();
      switch (WireReader.field(tag)) {
        case 1 -> {
          r.expect(tag, WireReader.LEN);
          v = new Rendered(r.string(), true);
        }
        case 2 -> {
          r.expect(tag, WireReader.VARINT);
          v = new Rendered(r.varint() != 0 ? "true" : "false", false);
        }
        case 3 -> {
          r.expect(tag, WireReader.VARINT);
          v = new Rendered(Long.toString(r.varint()), false);
        }
        case 4 -> {
          r.expect(tag, WireReader.FIXED64);
          double d = r.double64();
          v = new Rendered(AnyValues.ofDouble(d), !Double.isFinite(d));
        }
        case 5, 6 -> {
          r.expect(tag, WireReader.LEN);
          v = new Rendered(composite(r.message(), WireReader.field(tag) == 6), false);
        }
        case 7 -> {
          r.expect(tag, WireReader.LEN);
          v = new Rendered(AnyValues.ofBytes(r.bytes()), true);
        }
        default -> r.skip(tag);
      }
    }
    return v;
  }

  /** An {@code ArrayValue} or {@code KeyValueList} as JSON. */
  private static String composite(WireReader r, boolean map) throws OtlpException {
    List<String> keys = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<Boolean> quoted = new ArrayList<>();
    while (r.hasMore()) {
      int tag = r.tag();
      if (WireReader.field(tag) != 1) {
        r.skip(tag);
        continue;
      }
      r.expect(tag, WireReader.LEN);
      WireReader item = r.message();
      if (!map) {
        Rendered v = anyValue(item);
        values.add(v.text);
        quoted.add(v.quoted);
        continue;
      }
      String key = "";
      Rendered v = new Rendered("", true);
      while (item.hasMore()) {
        int t = item.tag();
        switch (WireReader.field(t)) {
          case 1 -> {
            item.expect(t, WireReader.LEN);
            key = item.string();
          }
          case 2 -> {
            item.expect(t, WireReader.LEN);
            v = anyValue(item.message());
          }
          default -> item.skip(t);
        }
      }
      keys.add(key);
      values.add(v.text);
      quoted.add(v.quoted);
    }
    return map ? AnyValues.object(keys, values, quoted) : AnyValues.array(values, quoted);
  }

  private static double[] doubles(List<Double> l) {
    if (l.isEmpty()) {
      return DataPoint.NO_DOUBLES;
    }
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
  }

  /** A growable long array (bucket counts), without boxing. */
  static final class LongList {
    private long[] a = new long[16];
    private int n;

    void add(long v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    long[] toArray() {
      return n == 0 ? DataPoint.NO_LONGS : java.util.Arrays.copyOf(a, n);
    }
  }
}
