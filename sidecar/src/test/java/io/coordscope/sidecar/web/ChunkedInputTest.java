package io.coordscope.sidecar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The chunked request-body decoder on its own: framing accepted, framing refused, bounds. */
class ChunkedInputTest {

  final AtomicInteger ends = new AtomicInteger();

  ChunkedInput input(String wire, int maxLine) {
    return new ChunkedInput(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), maxLine,
        ends::incrementAndGet);
  }

  ChunkedInput input(String wire) {
    return input(wire, 256);
  }

  static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  static void assertMalformed(ChunkedInput in, String message) {
    assertThatThrownBy(() -> readAll(in)).isInstanceOf(RequestHead.BadRequest.class)
        .hasMessageContaining("malformed chunked request body: " + message)
        .satisfies(e -> assertThat(((RequestHead.BadRequest) e).status).isEqualTo(400));
  }

  @Test
  void decodesChunksOfHexSizesAndStopsAtTheLastChunk() throws IOException {
    ChunkedInput in = input("5\r\nhello\r\n1A\r\n" + "x".repeat(26) + "\r\n0\r\n\r\nGET /next");
    assertThat(readAll(in)).isEqualTo("hello" + "x".repeat(26));
    assertThat(ends).hasValue(1);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(ends).as("onEnd runs once").hasValue(1);
  }

  @Test
  void upperAndLowerCaseHexAndLeadingZerosAreSizes() throws IOException {
    assertThat(readAll(input("0000000000000000000a\r\n0123456789\r\n0\r\n\r\n"))).isEqualTo("0123456789");
    assertThat(readAll(input("b\r\nhello world\r\n00\r\n\r\n"))).isEqualTo("hello world");
    assertThat(readAll(input("B\r\nhello world\r\n0\r\n\r\n"))).isEqualTo("hello world");
  }

  @Test
  void chunkExtensionsAreIgnored() throws IOException {
    assertThat(readAll(input("5;name=value\r\nhello\r\n6 ; a=\"quoted; \\\" string\";b\r\n world\r\n0;last\r\n\r\n")))
        .isEqualTo("hello world");
  }

  @Test
  void trailerFieldsAreReadAndDiscarded() throws IOException {
    ChunkedInput in = input("3\r\nabc\r\n0\r\nX-Checksum: 123\r\nX-Other: y\r\n\r\nNEXT");
    assertThat(readAll(in)).isEqualTo("abc");
    assertThat(ends).hasValue(1);
  }

  @Test
  void anEmptyBodyIsJustTheLastChunk() throws IOException {
    assertThat(readAll(input("0\r\n\r\n"))).isEmpty();
    assertThat(ends).hasValue(1);
  }

  @Test
  void badHexIsRefused() {
    assertMalformed(input("zz\r\nhello\r\n0\r\n\r\n"), "expected a hexadecimal chunk size, got 'z'");
    assertMalformed(input("5x\r\nhello\r\n0\r\n\r\n"), "expected CRLF after the chunk size, got 'x'");
    assertMalformed(input("-5\r\nhello\r\n0\r\n\r\n"), "expected a hexadecimal chunk size");
    assertMalformed(input("\r\nhello\r\n0\r\n\r\n"), "expected a hexadecimal chunk size, got byte 0x0d");
    assertMalformed(input("1000000000000000\r\n"), "chunk size has more than 15 significant hex digits");
  }

  @Test
  void missingCrlfIsRefused() {
    assertMalformed(input("5\r\nhelloX\r\n0\r\n\r\n"), "expected CRLF after the chunk data");
    assertMalformed(input("5\nhello\r\n0\r\n\r\n"), "expected CRLF after the chunk size, got byte 0x0a");
    assertMalformed(input("5\rhello\r\n0\r\n\r\n"), "expected LF after CR in the chunk size line");
    assertMalformed(input("5\r\nhello\n0\r\n\r\n"), "expected CRLF after the chunk data");
    assertMalformed(input("0\r\nX-A: 1\n\r\n"), "bare LF in the trailer section");
  }

  @Test
  void truncatedBodiesAreRefused() {
    assertMalformed(input("a\r\nhello"), "the connection closed 5 bytes before the end of a chunk");
    assertMalformed(input("5\r\nhello"), "the connection closed in the middle of the chunked framing");
    assertMalformed(input("5\r\nhello\r\n"), "the connection closed in the middle of the chunked framing");
    assertMalformed(input("0\r\nX-A: 1\r\n"), "the connection closed in the middle of the chunked framing");
    assertThat(ends).hasValue(0);
  }

  @Test
  void aFailureSticks() throws IOException {
    ChunkedInput in = input("zz\r\n");
    assertMalformed(in, "expected a hexadecimal chunk size");
    assertThatThrownBy(in::read).isInstanceOf(RequestHead.BadRequest.class);
  }

  @Test
  void sizeLinesAndTrailersAreBounded() {
    assertMalformed(input("5;" + "e".repeat(100) + "\r\nhello\r\n0\r\n\r\n", 64),
        "chunk size line longer than 64 bytes");
    assertMalformed(input("5" + " ".repeat(100) + "\r\nhello\r\n0\r\n\r\n", 64), "chunk size line longer than 64 bytes");
    assertMalformed(input("0".repeat(100) + "5\r\nhello\r\n0\r\n\r\n", 64), "chunk size line longer than 64 bytes");
    assertMalformed(input("0\r\n" + "X-A: 1\r\n".repeat(20) + "\r\n", 64), "trailer section longer than 64 bytes");
  }

  @Test
  void skipRestDiscardsUpToItsBoundAndReportsWhetherTheBodyEnded() throws IOException {
    ChunkedInput small = input("5\r\nhello\r\n5\r\nworld\r\n0\r\nT: 1\r\n\r\n");
    assertThat(small.read()).isEqualTo('h');
    assertThat(small.skipRest(9)).isTrue();
    assertThat(ends).hasValue(1);

    ChunkedInput large = input("5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n");
    assertThat(large.skipRest(9)).as("10 data bytes left, at most 9 skipped").isFalse();
    assertThat(input("a\r\nhelloworld\r\n0\r\n\r\n").skipRest(10)).isTrue();
  }
}
