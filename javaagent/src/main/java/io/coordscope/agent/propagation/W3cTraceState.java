package io.coordscope.agent.propagation;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A {@code tracestate} list as the W3C specification (current key grammar) defines it, kept in
 * order. Parsing is all or nothing: an invalid member, more than {@link #MAX_MEMBERS} members, or
 * an oversized input discards the whole list; a repeated key keeps its first value.
 */
final class W3cTraceState implements TraceState {

  static final int MAX_MEMBERS = 32;
  /** The specification asks to propagate at least 512 characters; we keep at most this many. */
  static final int MAX_LENGTH = 512;
  /** Inputs larger than this are not even split: bounded work per request. */
  static final int MAX_INPUT = 8192;
  private static final int MAX_KEY = 256;
  private static final int MAX_VALUE = 256;
  private static final W3cTraceState EMPTY = new W3cTraceState(new String[0], new String[0]);

  private final String[] keys;
  private final String[] values;

  private W3cTraceState(String[] keys, String[] values) {
    this.keys = keys;
    this.values = values;
  }

  /** Header lines joined with commas; empty on null or anything invalid. */
  static TraceState parse(String header) {
    if (header == null || header.length() > MAX_INPUT) {
      return EMPTY;
    }
    List<String> ks = new ArrayList<>();
    List<String> vs = new ArrayList<>();
    for (String raw : header.split(",", -1)) {
      String member = TraceContextPropagator.trimOws(raw);
      if (member.isEmpty()) {
        continue; // empty list members are allowed
      }
      int eq = member.indexOf('=');
      if (eq < 0 || !validKey(member, eq) || !validValue(member, eq + 1)) {
        return EMPTY;
      }
      String key = member.substring(0, eq);
      if (ks.contains(key)) {
        continue;
      }
      if (ks.size() == MAX_MEMBERS) {
        return EMPTY;
      }
      ks.add(key);
      vs.add(member.substring(eq + 1));
    }
    return ks.isEmpty() ? EMPTY : new W3cTraceState(ks.toArray(new String[0]), vs.toArray(new String[0]));
  }

  /** key = ( lcalpha / DIGIT ) 0*255 ( lcalpha / DIGIT / "_" / "-" / "*" / "/" / "@" ). */
  private static boolean validKey(String s, int end) {
    if (end == 0 || end > MAX_KEY) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '_' && c != '-' && c != '*' && c != '/' && c != '@'))) {
        return false;
      }
    }
    return true;
  }

  /** value = 0*255 chr nblk-chr; chr = %x20 / nblk-chr; nblk-chr = %x21-2B / %x2D-3C / %x3E-7E. */
  private static boolean validValue(String s, int from) {
    int len = s.length() - from;
    if (len < 1 || len > MAX_VALUE || s.charAt(s.length() - 1) == ' ') {
      return false;
    }
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
  }

  /**
   * The header value to send: every member in order; over {@link #MAX_LENGTH} characters, members
   * longer than 128 characters go first, then members from the end, as the specification suggests.
   */
  static String serialize(TraceState state) {
    if (state == null || state.isEmpty()) {
      return "";
    }
    List<String> members = new ArrayList<>();
    state.forEach((k, v) -> members.add(k + '=' + v));
    int total = members.stream().mapToInt(m -> m.length() + 1).sum() - 1;
    for (int i = members.size() - 1; i >= 0 && total > MAX_LENGTH; i--) {
      if (members.get(i).length() > 128) {
        total -= members.remove(i).length() + 1;
      }
    }
    while (total > MAX_LENGTH && !members.isEmpty()) {
      total -= members.remove(members.size() - 1).length() + 1;
    }
    return String.join(",", members);
  }

  @Override
  public String get(String key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public boolean isEmpty() {
    return keys.length == 0;
  }

  @Override
  public void forEach(BiConsumer<String, String> consumer) {
    for (int i = 0; i < keys.length; i++) {
      consumer.accept(keys[i], values[i]);
    }
  }

  @Override
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    forEach(m::put);
    return Collections.unmodifiableMap(m);
  }

  /** The SDK's builder: keys it considers invalid under the old grammar are dropped there. */
  @Override
  public TraceStateBuilder toBuilder() {
    TraceStateBuilder b = TraceState.builder();
    for (int i = keys.length - 1; i >= 0; i--) {
      b.put(keys[i], values[i]);
    }
    return b;
  }

  @Override
  public String toString() {
    return serialize(this);
  }
}
