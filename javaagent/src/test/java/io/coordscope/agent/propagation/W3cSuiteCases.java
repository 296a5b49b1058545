package io.coordscope.agent.propagation;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every request of the W3C Trace Context test suite (test/test.py of w3c/trace-context,
 * SPEC_LEVEL=2 STRICT_LEVEL=2), rebuilt as cases: {@code name}, header lines as sent (name, value,
 * name, value ...; repeated lines stay separate), {@code "keep"} when the trace must continue or
 * {@code "new"} when a new one must start, and the tracestate that must be propagated (null: not
 * checked, empty: none). Shared by the unit test and the forked-JVM conformance test.
 */
public final class W3cSuiteCases {

  private W3cSuiteCases() {}

  public static final String TID = "12345678901234567890123456789012";
  static final String TP = "00-" + TID + "-1234567890123456-01";
  static final String TP00 = "00-" + TID + "-1234567890123456-00";
  static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
  static final String VALUE_CHARS = chars(0x20, 0x2B) + chars(0x2D, 0x3C) + chars(0x3E, 0x7E);

  public static Stream<Arguments> suite() {
    return Stream.of(
        c("both missing", null, "new"),
        c("traceparent only", tp(TP), "keep"),
        c("traceparent duplicated", h("traceparent", "00-" + TID.replace("9012", "9011") + "-1234567890123456-01", "traceparent", TP), "new"),
        c("name trace-parent", h("trace-parent", TP), "new"),
        c("name trace.parent", h("trace.parent", TP), "new"),
        c("casing TraceParent", h("TraceParent", TP), "keep"),
        c("casing TrAcEpArEnT", h("TrAcEpArEnT", TP), "keep"),
        c("casing TRACEPARENT", h("TRACEPARENT", TP), "keep"),
        c("version 00 with a dot", tp(TP + "."), "new"),
        c("version 00 with more fields", tp(TP + "-what-the-future-will-be-like"), "new"),
        c("version cc", tp("cc" + TP.substring(2)), "keep"),
        c("version cc with more fields", tp("cc" + TP.substring(2) + "-what-the-future-will-be-like"), "keep"),
        c("version cc with a dot", tp("cc" + TP.substring(2) + ".what-the-future-will-be-like"), "new"),
        c("version ff", tp("ff" + TP.substring(2)), "new"),
        c("version .0", tp(".0" + TP.substring(2)), "new"),
        c("version 0.", tp("0." + TP.substring(2)), "new"),
        c("version 000", tp("0" + TP), "new"),
        c("version 0000", tp("00" + TP), "new"),
        c("version 0", tp(TP.substring(1)), "new"),
        c("trace id zero", tp("00-00000000000000000000000000000000-1234567890123456-01"), "new"),
        c("trace id .x", tp("00-.2345678901234567890123456789012-1234567890123456-01"), "new"),
        c("trace id x.", tp("00-1234567890123456789012345678901.-1234567890123456-01"), "new"),
        c("trace id too long", tp("00-123456789012345678901234567890123-1234567890123456-01"), "new"),
        c("trace id too short", tp("00-1234567890123456789012345678901-1234567890123456-01"), "new"),
        c("trace id upper case", tp("00-1234567890ABCDEF1234567890123456-1234567890123456-01"), "new"),
        c("parent id zero", tp("00-" + TID + "-0000000000000000-01"), "new"),
        c("parent id .x", tp("00-" + TID + "-.234567890123456-01"), "new"),
        c("parent id x.", tp("00-" + TID + "-123456789012345.-01"), "new"),
        c("parent id too long", tp("00-" + TID + "-12345678901234567-01"), "new"),
        c("parent id too short", tp("00-" + TID + "-123456789012345-01"), "new"),
        c("flags .0", tp("00-" + TID + "-1234567890123456-.0"), "new"),
        c("flags 0.", tp("00-" + TID + "-1234567890123456-0."), "new"),
        c("flags too long", tp("00-" + TID + "-1234567890123456-001"), "new"),
        c("flags too short", tp("00-" + TID + "-1234567890123456-1"), "new"),
        c("ows space before", tp(" " + TP), "keep"),
        c("ows tab before", tp("\t" + TP), "keep"),
        c("ows space after", tp(TP + " "), "keep"),
        c("ows tab after", tp(TP + "\t"), "keep"),
        c("ows both", tp("\t " + TP + " \t"), "keep"),
        c("tracestate without traceparent", h("tracestate", "foo=1"), "new"),
        c("tracestate with traceparent", h("traceparent", TP00, "tracestate", "foo=1,bar=2"), "keep", "foo=1,bar=2"),
        c("tracestate name trace-state", h("traceparent", TP00, "trace-state", "foo=1"), "keep", ""),
        c("tracestate casing", h("traceparent", TP00, "TrAcEsTaTe", "foo=1"), "keep", "foo=1"),
        c("tracestate empty", h("traceparent", TP00, "tracestate", ""), "keep", ""),
        c("tracestate then empty", h("traceparent", TP00, "tracestate", "foo=1", "tracestate", ""), "keep", "foo=1"),
        c("empty then tracestate", h("traceparent", TP00, "tracestate", "", "tracestate", "foo=1"), "keep", "foo=1"),
        c("tracestate lines combined in order",
            h("traceparent", TP00, "tracestate", "foo=1,bar=2", "tracestate", "rojo=1,congo=2", "tracestate", "baz=3"),
            "keep", "foo=1,bar=2,rojo=1,congo=2,baz=3"),
        c("duplicate key, same value", h("traceparent", TP00, "tracestate", "foo=1,foo=1"), "keep", "foo=1"),
        c("duplicate key, other value", h("traceparent", TP00, "tracestate", "foo=1,foo=2"), "keep", "foo=1"),
        c("duplicate key over lines", h("traceparent", TP00, "tracestate", "foo=1", "tracestate", "foo=2"), "keep", "foo=1"),
        c("all allowed characters", h("traceparent", TP00, "tracestate", KEY_CHARS + "=" + VALUE_CHARS), "keep",
            KEY_CHARS + "=" + VALUE_CHARS),
        c("all allowed characters, vendor key",
            h("traceparent", TP00, "tracestate", KEY_CHARS + "@a-z0-9_-*/=" + VALUE_CHARS), "keep",
            KEY_CHARS + "@a-z0-9_-*/=" + VALUE_CHARS),
        c("tracestate ows", h("traceparent", TP00, "tracestate", "foo=1 \t , \t bar=2, \t baz=3"), "keep", "foo=1,bar=2,baz=3"),
        c("tracestate ows tabs", h("traceparent", TP00, "tracestate", "foo=1\t \t,\t \tbar=2,\t \tbaz=3"), "keep",
            "foo=1,bar=2,baz=3"),
        c("tracestate leading space", h("traceparent", TP00, "tracestate", " foo=1"), "keep", "foo=1"),
        c("tracestate trailing tab", h("traceparent", TP00, "tracestate", "foo=1\t"), "keep", "foo=1"),
        c("tracestate around", h("traceparent", TP00, "tracestate", "\t foo=1 \t"), "keep", "foo=1"),
        c("key with space", h("traceparent", TP00, "tracestate", "foo =1"), "keep", ""),
        c("key upper case", h("traceparent", TP00, "tracestate", "FOO=1"), "keep", ""),
        c("key with dot", h("traceparent", TP00, "tracestate", "foo.bar=1"), "keep", ""),
        c("key ends with @", h("traceparent", TP00, "tracestate", "foo@=1,bar=2"), "keep", "foo@=1,bar=2"),
        c("key starts with @", h("traceparent", TP00, "tracestate", "@foo=1,bar=2"), "keep", ""),
        c("key with @@", h("traceparent", TP00, "tracestate", "foo@@bar=1,bar=2"), "keep", "foo@@bar=1,bar=2"),
        c("key with two @", h("traceparent", TP00, "tracestate", "foo@bar@baz=1,bar=2"), "keep", "foo@bar@baz=1,bar=2"),
        c("32 members", h("traceparent", TP00, "tracestate", members(1, 10), "tracestate", members(11, 20),
            "tracestate", members(21, 30), "tracestate", members(31, 32)), "keep", members(1, 32)),
        c("33 members", h("traceparent", TP00, "tracestate", members(1, 10), "tracestate", members(11, 20),
            "tracestate", members(21, 30), "tracestate", members(31, 33)), "keep", ""),
        c("key of 256", h("traceparent", TP00, "tracestate", "foo=1", "tracestate", "z".repeat(256) + "=1"), "keep",
            "foo=1," + "z".repeat(256) + "=1"),
        c("key of 257", h("traceparent", TP00, "tracestate", "foo=1", "tracestate", "z".repeat(257) + "=1"), "keep", ""),
        c("vendor key of 256", h("traceparent", TP00, "tracestate", "foo=1", "tracestate", "t".repeat(241) + "@" + "v".repeat(14) + "=1"),
            "keep", "foo=1," + "t".repeat(241) + "@" + "v".repeat(14) + "=1"),
        c("value with =", h("traceparent", TP00, "tracestate", "foo=bar=baz"), "keep", ""),
        c("empty value", h("traceparent", TP00, "tracestate", "foo=,bar=3"), "keep", ""),
        c("value of 257", h("traceparent", TP00, "tracestate", "foo=" + "v".repeat(257)), "keep", ""),
        c("oversized tracestate", h("traceparent", TP00, "tracestate", "a=" + "v".repeat(9000)), "keep", ""),
        c("random flag", tp("00-" + TID + "-1234567890123456-02"), "keep"));
  }

  private static Arguments c(String name, String[] lines, String trace) {
    return Arguments.of(name, lines, trace, null);
  }

  private static Arguments c(String name, String[] lines, String trace, String tracestate) {
    return Arguments.of(name, lines, trace, tracestate);
  }

  private static String[] tp(String value) {
    return h("traceparent", value);
  }

  private static String[] h(String... nameValue) {
    return nameValue;
  }

  private static String members(int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i <= to; i++) {
      b.append(b.length() == 0 ? "" : ",").append(String.format("bar%02d=%02d", i, i));
    }
    return b.toString();
  }

  private static String chars(int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int c = from; c <= to; c++) {
      b.append((char) c);
    }
    return b.toString();
  }
}
