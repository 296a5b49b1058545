package io.coordscope.sidecar.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Compressed chunks give back every sample exactly, bit for bit: property-style over random and edge
 * timestamps and values, in single chunks and through the store across chunk boundaries.
 */
class XorChunkTest {

  /** Doubles that compress badly or must survive unchanged: NaN payloads, the stale marker, signed zeros, infinities. */
  static final long[] EDGE_BITS = {
    StaleMarker.BITS,
    Double.doubleToRawLongBits(Double.NaN),
    0x7ff0000000000001L, // signalling NaN, smallest payload
    0x7ff8000000000001L, // quiet NaN with a payload
    0xfff8000000000000L, // negative NaN
    0xffffffffffffffffL,
    Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
    Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
    Double.doubleToRawLongBits(0.0),
    Double.doubleToRawLongBits(-0.0),
    Double.doubleToRawLongBits(Double.MIN_VALUE),
    Double.doubleToRawLongBits(-Double.MIN_VALUE),
    Double.doubleToRawLongBits(Double.MAX_VALUE),
    Double.doubleToRawLongBits(Double.MIN_NORMAL),
    Double.doubleToRawLongBits(1.0),
    0x8000000000000001L,
    0x0000000000000001L,
    0x7fefffffffffffffL,
  };

  @Test
  void everyValueKindRoundTripsBitForBit() {
    SplittableRandom random = new SplittableRandom(1);
    for (int round = 0; round < 600; round++) {
      int n = 1 + random.nextInt(XorChunk.SAMPLES_PER_CHUNK);
      long[] ts = timestamps(random, n);
      long[] bits = new long[n];
      for (int i = 0; i < n; i++) {
        bits[i] = value(random, i == 0 ? 0 : bits[i - 1]);
      }
      XorChunk c = new XorChunk();
      for (int i = 0; i < n; i++) {
        c.append(ts[i], bits[i]);
      }
      if (random.nextBoolean()) {
        c.seal();
      }
      assertDecodes(c, ts, bits);
    }
  }

  @Test
  void timestampDeltasOfEveryBucketRoundTrip() {
    // delta-of-delta 0, the edges of the 14/17/20-bit buckets and 64-bit jumps, both signs
    long[] dods = {0, 1, -1, 8191, -8191, 8192, -8192, 8193, 65535, 65536, 65537, -65536, 524287, 524288, 524289,
        -524288, 1L << 40, -(1L << 40)};
    List<Long> ts = new ArrayList<>();
    long t = -1_000_000L; // negative first timestamps are legal (zig-zag varint)
    long delta = 15_000;
    ts.add(t);
    for (long dod : dods) {
      delta = Math.max(1, delta + dod);
      t += delta;
      ts.add(t);
    }
    long[] tsa = ts.stream().mapToLong(Long::longValue).toArray();
    long[] bits = new long[tsa.length];
    XorChunk c = new XorChunk();
    for (int i = 0; i < tsa.length; i++) {
      bits[i] = EDGE_BITS[i % EDGE_BITS.length];
      c.append(tsa[i], bits[i]);
    }
    assertDecodes(c, tsa, bits);
  }

  @Test
  void theHeadChunkResumesFromItsCheckpointsBitForBit() {
    SplittableRandom random = new SplittableRandom(11);
    for (int round = 0; round < 300; round++) {
      int n = 1 + random.nextInt(XorChunk.SAMPLES_PER_CHUNK);
      long[] ts = timestamps(random, n);
      long[] bits = new long[n];
      XorChunk c = new XorChunk();
      for (int i = 0; i < n; i++) {
        bits[i] = value(random, i == 0 ? 0 : bits[i - 1]);
        c.append(ts[i], bits[i]);
        int want = random.nextInt(i + 1);
        long minTime = ts[want];
        XorChunk.Iterator it = c.iteratorFrom(minTime);
        int from = it.index();
        // the checkpoint chosen is the latest one before which every sample is older than minTime
        assertThat(from).isLessThanOrEqualTo(want).isEqualTo(want / XorChunk.CHECKPOINT_EVERY * XorChunk.CHECKPOINT_EVERY);
        for (int k = from; k <= i; k++) {
          assertThat(it.next()).isTrue();
          assertThat(it.t).isEqualTo(ts[k]);
          assertThat(it.bits).as("value bits of sample %d from %d", k, from).isEqualTo(bits[k]);
        }
        assertThat(it.next()).isFalse();
      }
      c.seal();
      assertThat(c.iteratorFrom(Long.MAX_VALUE).index()).isZero(); // sealed: no checkpoints kept
      assertDecodes(c, ts, bits);
    }
  }

  @Test
  void steadyCountersTakeAboutOneByteAndAHalfPerSample() {
    XorChunk c = new XorChunk();
    double v = 0;
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < XorChunk.SAMPLES_PER_CHUNK; i++) {
      v += random.nextInt(4);
      c.append(1_700_000_000_000L + i * 15_000L + random.nextInt(3), Double.doubleToRawLongBits(v));
    }
    c.seal();
    assertThat(c.byteSize()).isLessThan(3 * XorChunk.SAMPLES_PER_CHUNK); // vs 16 bytes per sample uncompressed
  }

  @Test
  void theStoreRoundTripsAcrossChunksCountersResetsAndCaps() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 50; round++) {
      int cap = 2 + random.nextInt(700);
      MemorySeriesStore store = new MemorySeriesStore(Duration.ofDays(3650), 10, cap);
      Labels l = Labels.of("__name__", "m", "round", "" + round);
      int n = 1 + random.nextInt(1000);
      long[] ts = timestamps(random, n);
      long[] bits = new long[n];
      double counter = 0;
      for (int i = 0; i < n; i++) {
        int kind = random.nextInt(10);
        if (kind == 0) {
          counter = random.nextInt(3); // counter reset
        } else {
          counter += random.nextInt(100) / 4.0;
        }
        bits[i] = kind == 1 ? value(random, bits[Math.max(0, i - 1)]) : Double.doubleToRawLongBits(counter);
        store.append(l, ts[i], Double.longBitsToDouble(bits[i]));
        if (random.nextInt(20) == 0) {
          store.append(l, ts[i] - random.nextInt(1000), 42); // out of order or duplicate: ignored
        }
      }
      Series s = store.select(Long.MIN_VALUE, Long.MAX_VALUE, List.of(Matcher.eq("round", "" + round))).get(0);
      int from = Math.max(0, n - cap);
      assertThat(s.timestamps()).containsExactly(java.util.Arrays.copyOfRange(ts, from, n));
      assertThat(rawBits(s.values())).containsExactly(java.util.Arrays.copyOfRange(bits, from, n));
      // any window, and the newest sample of any window
      for (int q = 0; q < 20; q++) {
        int a = from + random.nextInt(n - from);
        int b = a + random.nextInt(n - a);
        Series w = store.select(ts[a], ts[b], List.of(Matcher.eq("round", "" + round))).get(0);
        assertThat(w.timestamps()).containsExactly(java.util.Arrays.copyOfRange(ts, a, b + 1));
        assertThat(rawBits(w.values())).containsExactly(java.util.Arrays.copyOfRange(bits, a, b + 1));
        Series latest = store.selectLatest(ts[a], b == n - 1 ? ts[b] + 1000 : ts[b], List.of(Matcher.eq("round", "" + round)))
            .get(0);
        assertThat(latest.timestamps()).containsExactly(ts[b]);
        assertThat(Double.doubleToRawLongBits(latest.values()[0])).isEqualTo(bits[b]);
      }
    }
  }

  @Test
  void truncationInsideAChunkKeepsTheRest() {
    MemorySeriesStore store = new MemorySeriesStore(Duration.ofMillis(1000), 10, 8192);
    Labels l = Labels.of("__name__", "m");
    for (long t = 0; t < 500; t++) {
      store.append(l, t * 10, t);
    }
    store.truncate(4990 + 1000 - 2500); // keep t >= 2490
    Series s = store.select(0, Long.MAX_VALUE, List.of(Matcher.eq("__name__", "m"))).get(0);
    assertThat(s.timestamps()[0]).isEqualTo(2490);
    assertThat(s.size()).isEqualTo(251);
    store.truncate(100_000);
    assertThat(store.seriesCount()).isZero();
  }

  private static long[] timestamps(SplittableRandom random, int n) {
    long[] ts = new long[n];
    long t = random.nextLong(-1L << 50, 1L << 50);
    long step = 1 + random.nextInt(60_000);
    for (int i = 0; i < n; i++) {
      ts[i] = t;
      t += switch (random.nextInt(6)) {
        case 0 -> 1 + random.nextLong(1L << 40); // a long gap
        case 1 -> 1 + random.nextInt(5); // bursts
        default -> step + random.nextInt(3); // scrape jitter
      };
    }
    return ts;
  }

  private static long value(SplittableRandom random, long previous) {
    return switch (random.nextInt(6)) {
      case 0 -> EDGE_BITS[random.nextInt(EDGE_BITS.length)];
      case 1 -> random.nextLong(); // any 64 bits: any double, any NaN payload
      case 2 -> previous;
      case 3 -> Double.doubleToRawLongBits(Double.longBitsToDouble(previous) + random.nextInt(10));
      case 4 -> previous ^ (1L << random.nextInt(64));
      default -> Double.doubleToRawLongBits(random.nextInt(1000) / 8.0);
    };
  }

  private static void assertDecodes(XorChunk c, long[] ts, long[] bits) {
    XorChunk.Iterator it = c.iterator();
    for (int i = 0; i < ts.length; i++) {
      assertThat(it.next()).isTrue();
      assertThat(it.t).isEqualTo(ts[i]);
      assertThat(it.bits).as("value bits of sample %d", i).isEqualTo(bits[i]);
    }
    assertThat(it.next()).isFalse();
    assertThat(c.count()).isEqualTo(ts.length);
  }

  private static long[] rawBits(double[] vs) {
    long[] out = new long[vs.length];
    for (int i = 0; i < vs.length; i++) {
      out[i] = Double.doubleToRawLongBits(vs[i]);
    }
    return out;
  }
}
