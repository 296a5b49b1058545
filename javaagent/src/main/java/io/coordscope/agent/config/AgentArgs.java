package io.coordscope.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the agent argument string {@code k=v,k=v} of {@code -javaagent:coordscope-agent.jar=...}.
 *
 * <p>Values may contain commas: a segment without {@code =} continues the previous value
 * ({@code metrics.slo=0.25,1}), commas inside {@code [...]} never split
 * ({@code methods.include=com.acme.A[claim,complete]}), and after a map-valued key
 * ({@code resource.attributes}, {@code otlp.headers}) a segment {@code x=y} whose {@code x} is
 * not a known key continues that map. A leading {@code coordscope.} on a key is dropped. Blank
 * segments are skipped; a later duplicate wins.
 */
public final class AgentArgs {

  private AgentArgs() {}

  public static Map<String, String> parse(String args) {
    Map<String, String> out = new LinkedHashMap<>();
    if (args == null || args.trim().isEmpty()) {
      return out;
    }
    String lastKey = null;
    for (String segment : splitTopLevel(args)) {
      String s = segment.trim();
      if (s.isEmpty()) {
        continue;
      }
      int eq = s.indexOf('=');
      String key = eq < 0 ? null : normalize(s.substring(0, eq));
      boolean continuation =
          lastKey != null
              && (eq < 0 || (ConfigKeys.MAP_VALUED.contains(lastKey) && !ConfigKeys.isKnown(key)));
      if (continuation) {
        out.put(lastKey, out.get(lastKey) + ',' + s);
      } else if (eq < 0) {
        // A bare word first: a key without a value, reported later as an invalid value.
        out.put(normalize(s), "");
        lastKey = normalize(s);
      } else {
        out.remove(key);
        out.put(key, s.substring(eq + 1).trim());
        lastKey = key;
      }
    }
    return out;
  }

  private static String normalize(String key) {
    String k = key.trim();
    return k.startsWith(ConfigKeys.PREFIX) ? k.substring(ConfigKeys.PREFIX.length()) : k;
  }

  /** Splits on commas outside square brackets. */
  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }
}
