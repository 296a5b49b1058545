package io.coordscope.sidecar.otlp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The few protobuf encodings the receiver's answers need: varint and string fields, nested messages. */
final class WireWriter {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

  WireWriter varintField(int field, long v) {
    varint((long) field << 3 | WireReader.VARINT);
    varint(v);
    return this;
  }

  WireWriter stringField(int field, String s) {
    return bytesField(field, s.getBytes(StandardCharsets.UTF_8));
  }

  WireWriter bytesField(int field, byte[] b) {
    varint((long) field << 3 | WireReader.LEN);
    varint(b.length);
    out.write(b, 0, b.length);
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void varint(long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
