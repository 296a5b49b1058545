package io.coordscope.sidecar.otlp;

import java.nio.charset.StandardCharsets;

/**
 * A reader of the protobuf wire format over one message's bytes: tags, varints, fixed 32/64-bit
 * values and length-delimited fields (strings, nested messages, packed arrays). Unknown fields are
 * skipped, as protobuf parsers must. Every read is bounds-checked; malformed input is an {@link
 * OtlpException} naming the offset, never an {@link ArrayIndexOutOfBoundsException}.
 */
final class WireReader {

  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private int pos;
  private final int end;

  WireReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  private WireReader(byte[] buf, int from, int end) {
    this.buf = buf;
    this.pos = from;
    this.end = end;
  }

  boolean hasMore() {
    return pos < end;
  }

  /** The next field's tag ({@code field << 3 | wireType}). */
  int tag() throws OtlpException {
    long t = varint();
    if (t >>> 3 == 0 || t > Integer.MAX_VALUE) {
      throw error("invalid field tag " + t);
    }
    return (int) t;
  }

  static int field(int tag) {
    return tag >>> 3;
  }

  static int wireType(int tag) {
    return tag & 7;
  }

  long varint() throws OtlpException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw error("truncated varint");
      }
      byte b = buf[pos++];
      v |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw error("varint longer than 10 bytes");
  }

  long fixed64() throws OtlpException {
    need(8);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (buf[pos + i] & 0xffL);
    }
    pos += 8;
    return v;
  }

  double double64() throws OtlpException {
    return Double.longBitsToDouble(fixed64());
  }

  /** A length-delimited field as its own reader; this reader moves past it. */
  WireReader message() throws OtlpException {
    int len = length();
    WireReader r = new WireReader(buf, pos, pos + len);
    pos += len;
    return r;
  }

  String string() throws OtlpException {
    int len = length();
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  byte[] bytes() throws OtlpException {
    int len = length();
    byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + len);
    pos += len;
    return b;
  }

  /** Skips the value of a field of this tag's wire type. */
  void skip(int tag) throws OtlpException {
    switch (wireType(tag)) {
      case VARINT -> varint();
      case FIXED64 -> {
        need(8);
        pos += 8;
      }
      case LEN -> {
        int len = length(); // before pos is read: length() moves it past the varint
        pos += len;
      }
      case FIXED32 -> {
        need(4);
        pos += 4;
      }
      default -> throw error("unsupported wire type " + wireType(tag) + " of field " + field(tag));
    }
  }

  /** Checks that a field has the wire type its schema gives it. */
  void expect(int tag, int wireType) throws OtlpException {
    if (wireType(tag) != wireType) {
      throw error("field " + field(tag) + " has wire type " + wireType(tag) + ", expected " + wireType);
    }
  }

  private int length() throws OtlpException {
    long len = varint();
    if (len < 0 || len > end - pos) {
      throw error("length " + len + " runs past the end of the message");
    }
    return (int) len;
  }

  private void need(int n) throws OtlpException {
    if (end - pos < n) {
      throw error("truncated fixed-size field");
    }
  }

  private OtlpException error(String what) {
    return new OtlpException("malformed protobuf at byte " + pos + ": " + what);
  }
}
