package io.coordscope.sidecar.tsdb;

import java.util.Arrays;

/**
 * Samples compressed as Prometheus's XOR chunk (Gorilla): the first timestamp as a signed varint,
 * the second as an unsigned varint delta, then delta-of-deltas in buckets of 0, 14, 17, 20 or 64
 * bits; the first value as its 64 raw bits, then each value XOR the previous one, written as one
 * {@code 0} bit when equal, else as its meaningful bits (reusing the previous leading/trailing zero
 * window when it fits). Values travel as raw IEEE bits, so every double (NaN payloads, the stale
 * marker, ±Inf, -0.0) comes back bit for bit.
 *
 * <p>The head chunk is appended to in place; {@link #seal()} trims it when the series cuts a new
 * one. Not thread-safe: {@link MemSeries} guards its chunks with its monitor. About 1 to 4 bytes
 * per sample for counters scraped at a steady interval, depending on timestamp jitter (16 uncompressed).
 */
final class XorChunk {

  /** Samples per chunk before the series cuts a new one, as Prometheus's head. */
  static final int SAMPLES_PER_CHUNK = 120;
  /**
   * The head chunk records the decoder's state every this many samples, so that a read of its
   * newest samples (a range selector's window, e.g. 20 samples of {@code [5m]}) decodes from the
   * nearest checkpoint instead of the chunk's start: at most 29 extra samples instead of 119.
   */
  static final int CHECKPOINT_EVERY = 30;
  /** Longs per checkpoint: bit position and leading/trailing window, t, delta, value bits. */
  private static final int CHECKPOINT_LONGS = 4;

  private byte[] bytes;
  /** Bits written. */
  private int bitLength;
  private int count;
  private long firstT;
  private long lastT;
  private long lastDelta;
  private long lastBits;
  private int leading = 0xff;
  private int trailing;
  /**
   * Decoder states before samples 30, 60 and 90 (head chunk only: {@link #seal()} drops them, so
   * the 96 bytes are paid once per series, not per chunk); null until the first one.
   */
  private long[] checkpoints;

  XorChunk() {
    this.bytes = new byte[32];
  }

  int count() {
    return count;
  }

  long minTime() {
    return firstT;
  }

  long maxTime() {
    return lastT;
  }

  long lastValueBits() {
    return lastBits;
  }

  boolean full() {
    return count >= SAMPLES_PER_CHUNK;
  }

  /** Bytes held, for memory accounting and tests. */
  int byteSize() {
    return bytes.length;
  }

  /** Appends a sample; the caller guarantees {@code t} is later than {@link #maxTime()}. */
  void append(long t, long valueBits) {
    if (count > 0 && count % CHECKPOINT_EVERY == 0 && count < SAMPLES_PER_CHUNK) {
      checkpoint();
    }
    if (count == 0) {
      writeVarint(t);
      writeBits(valueBits, 64);
      firstT = t;
    } else if (count == 1) {
      long delta = t - lastT;
      writeUvarint(delta);
      writeValue(valueBits);
      lastDelta = delta;
    } else {
      long delta = t - lastT;
      long dod = delta - lastDelta;
      if (dod == 0) {
        writeBit(0);
      } else if (fits(dod, 14)) {
        writeBits(0b10, 2);
        writeBits(dod, 14);
      } else if (fits(dod, 17)) {
        writeBits(0b110, 3);
        writeBits(dod, 17);
      } else if (fits(dod, 20)) {
        writeBits(0b1110, 4);
        writeBits(dod, 20);
      } else {
        writeBits(0b1111, 4);
        writeBits(dod, 64);
      }
      writeValue(valueBits);
      lastDelta = delta;
    }
    lastT = t;
    lastBits = valueBits;
    count++;
  }

  /** Records the decoder's state after the samples so far (before sample {@code count}). */
  private void checkpoint() {
    if (checkpoints == null) {
      checkpoints = new long[(SAMPLES_PER_CHUNK - 1) / CHECKPOINT_EVERY * CHECKPOINT_LONGS];
    }
    int at = (count / CHECKPOINT_EVERY - 1) * CHECKPOINT_LONGS;
    checkpoints[at] = ((long) bitLength << 16) | ((leading & 0xff) << 8) | (trailing & 0xff);
    checkpoints[at + 1] = lastT;
    checkpoints[at + 2] = lastDelta;
    checkpoints[at + 3] = lastBits;
  }

  /** Trims the buffer to the bits written and drops the checkpoints: the chunk is immutable from now on. */
  void seal() {
    checkpoints = null;
    int used = (bitLength + 7) >>> 3;
    if (used < bytes.length) {
      bytes = Arrays.copyOf(bytes, used);
    }
  }

  /** Same bounds as Prometheus's bitRange: -(2^(n-1)) + 1 ≤ x ≤ 2^(n-1). */
  private static boolean fits(long x, int n) {
    return -((1L << (n - 1)) - 1) <= x && x <= 1L << (n - 1);
  }

  private void writeValue(long bits) {
    long xor = bits ^ lastBits;
    if (xor == 0) {
      writeBit(0);
      return;
    }
    writeBit(1);
    int lead = Math.min(Long.numberOfLeadingZeros(xor), 31); // five bits hold it
    int trail = Long.numberOfTrailingZeros(xor);
    if (leading != 0xff && lead >= leading && trail >= trailing) {
      writeBit(0);
      writeBits(xor >>> trailing, 64 - leading - trailing);
      return;
    }
    leading = lead;
    trailing = trail;
    writeBit(1);
    writeBits(lead, 5);
    int sig = 64 - lead - trail;
    writeBits(sig, 6); // 64 wraps to 0, as in Prometheus; the reader maps it back
    writeBits(xor >>> trail, sig);
  }

  private void writeVarint(long v) {
    writeUvarint((v << 1) ^ (v >> 63)); // zig-zag, as Go's binary.PutVarint
  }

  private void writeUvarint(long v) {
    while ((v & ~0x7FL) != 0) {
      writeBits((v & 0x7F) | 0x80, 8);
      v >>>= 7;
    }
    writeBits(v, 8);
  }

  private void writeBit(int bit) {
    ensure(1);
    if (bit != 0) {
      bytes[bitLength >>> 3] |= (byte) (0x80 >>> (bitLength & 7));
    }
    bitLength++;
  }

  /** Writes the low {@code n} bits of {@code v}, most significant first, a byte at a time. */
  private void writeBits(long v, int n) {
    ensure(n);
    while (n > 0) {
      int free = 8 - (bitLength & 7);
      int take = Math.min(free, n);
      int part = (int) (v >>> (n - take)) & ((1 << take) - 1);
      bytes[bitLength >>> 3] |= (byte) (part << (free - take));
      bitLength += take;
      n -= take;
    }
  }

  private void ensure(int bits) {
    int need = (bitLength + bits + 7) >>> 3;
    if (need > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(need, bytes.length + (bytes.length >>> 1)));
    }
  }

  /** A reader over the first {@code count()} samples as of now. */
  Iterator iterator() {
    return new Iterator(bytes, count);
  }

  /**
   * A reader over the first {@code count()} samples as of now that starts at the latest
   * checkpoint before which every sample is older than {@code minTime} (the chunk's start when
   * there is none, always for a sealed chunk); {@link Iterator#index()} tells where it starts.
   */
  Iterator iteratorFrom(long minTime) {
    Iterator it = new Iterator(bytes, count);
    if (checkpoints == null) {
      return it;
    }
    int best = -1;
    for (int k = 0; (k + 1) * CHECKPOINT_EVERY < count && k * CHECKPOINT_LONGS < checkpoints.length; k++) {
      if (checkpoints[k * CHECKPOINT_LONGS + 1] < minTime) {
        best = k;
      } else {
        break;
      }
    }
    if (best >= 0) {
      int at = best * CHECKPOINT_LONGS;
      long packed = checkpoints[at];
      it.resume((best + 1) * CHECKPOINT_EVERY, (int) (packed >>> 16), (int) (packed >>> 8) & 0xff,
          (int) packed & 0xff, checkpoints[at + 1], checkpoints[at + 2], checkpoints[at + 3]);
    }
    return it;
  }

  /** Decodes samples in order: {@code while (it.next()) use(it.t, it.bits)}. */
  static final class Iterator {
    private final byte[] bytes;
    private final int count;
    private int read;
    private int pos;
    long t;
    long bits;
    private long delta;
    private int leading;
    private int trailing;

    private Iterator(byte[] bytes, int count) {
      this.bytes = bytes;
      this.count = count;
    }

    private void resume(int index, int bitPos, int lead, int trail, long lastT, long lastDelta, long lastBits) {
      read = index;
      pos = bitPos;
      leading = lead;
      trailing = trail;
      t = lastT;
      delta = lastDelta;
      bits = lastBits;
    }

    /** Samples this iterator has passed: before the first {@link #next()}, where it starts. */
    int index() {
      return read;
    }

    boolean next() {
      if (read >= count) {
        return false;
      }
      if (read == 0) {
        long zz = readUvarint();
        t = (zz >>> 1) ^ -(zz & 1);
        bits = readBits(64);
      } else if (read == 1) {
        delta = readUvarint();
        t += delta;
        readValue();
      } else {
        int prefix = 0;
        while (prefix < 4 && readBit() == 1) {
          prefix++;
        }
        long dod = switch (prefix) {
          case 0 -> 0;
          case 1 -> signed(readBits(14), 14);
          case 2 -> signed(readBits(17), 17);
          case 3 -> signed(readBits(20), 20);
          default -> readBits(64);
        };
        delta += dod;
        t += delta;
        readValue();
      }
      read++;
      return true;
    }

    /** As Prometheus's reader: values above 2^(n-1) are negative. */
    private static long signed(long v, int n) {
      return v > (1L << (n - 1)) ? v - (1L << n) : v;
    }

    private void readValue() {
      if (readBit() == 0) {
        return;
      }
      if (readBit() == 1) {
        leading = (int) readBits(5);
        int sig = (int) readBits(6);
        if (sig == 0) {
          sig = 64;
        }
        trailing = 64 - leading - sig;
      }
      int sig = 64 - leading - trailing;
      bits ^= readBits(sig) << trailing;
    }

    private long readUvarint() {
      long v = 0;
      for (int shift = 0; ; shift += 7) {
        long b = readBits(8);
        v |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
    }

    private int readBit() {
      int bit = (bytes[pos >>> 3] >>> (7 - (pos & 7))) & 1;
      pos++;
      return bit;
    }

    /** Reads {@code n} bits, most significant first, a byte at a time. */
    private long readBits(int n) {
      long v = 0;
      while (n > 0) {
        int avail = 8 - (pos & 7);
        int take = Math.min(avail, n);
        int part = ((bytes[pos >>> 3] & 0xff) >>> (avail - take)) & ((1 << take) - 1);
        v = (v << take) | part;
        pos += take;
        n -= take;
      }
      return v;
    }
  }
}
