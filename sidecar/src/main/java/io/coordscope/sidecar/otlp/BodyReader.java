package io.coordscope.sidecar.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads a request body within a byte limit, and gunzips one within the same limit (no gzip bombs). */
final class BodyReader {

  /** The body (or its decompressed form) exceeds the limit: 413. */
  static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  /** A refused body is read on at most this far, so the client sees the answer rather than a reset. */
  private static final long MAX_DRAIN_BYTES = 1 << 20;

  private BodyReader() {}

  static byte[] read(InputStream in, long limit) throws IOException, TooLarge {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (out.size() + (long) n > limit) {
        drain(in);
        throw new TooLarge("request body larger than " + limit + " bytes (coordscope.otlp.max_request_size)");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  static byte[] gunzip(byte[] gz, long limit) throws IOException, TooLarge {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(gz.length * 4);
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + (long) n > limit) {
          throw new TooLarge("decompressed request body larger than " + limit
              + " bytes (coordscope.otlp.max_request_size)");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (ZipException | java.io.EOFException e) {
      throw new IOException("the body is not valid gzip: " + e.getMessage(), e);
    }
  }

  static void drain(InputStream in) {
    byte[] buf = new byte[8192];
    long total = 0;
    try {
      int n;
      while (total < MAX_DRAIN_BYTES && (n = in.read(buf)) > 0) {
        total += n;
      }
    } catch (IOException e) {
      // the client went away; the connection closes
    }
  }
}
