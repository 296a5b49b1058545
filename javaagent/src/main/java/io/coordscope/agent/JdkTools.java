package io.coordscope.agent;

/**
 * Recognises JVMs that run a JDK tool ({@code jar}, {@code javac}, {@code jcmd}, {@code jshell},
 * {@code keytool} ...) rather than an application: {@code JAVA_TOOL_OPTIONS} reaches those too,
 * and the agent must stay out of them (no instrumentation, no port).
 *
 * <p>The tool launchers start a module's main class ({@code jdk.module.main=jdk.jartool},
 * {@code sun.java.command=jdk.jartool/sun.tools.jar.Main --version}); helper JVMs such as jshell's
 * remote executor run JDK-internal main classes from the class path.
 */
final class JdkTools {

  private static final String[] TOOL_MAIN_PREFIXES = {
    "jdk.", "sun.", "com.sun.tools.", "com.sun.jarsigner.", "java."
  };

  private JdkTools() {}

  /**
   * @return the tool's module or main class, or null for an application
   */
  static String detect(String moduleMain, String javaCommand) {
    if (isJdkModule(moduleMain)) {
      return moduleMain;
    }
    if (javaCommand == null || javaCommand.trim().isEmpty()) {
      return null;
    }
    String first = firstWord(javaCommand.trim());
    int slash = first.indexOf('/');
    if (slash > 0) {
      String module = first.substring(0, slash);
      return isJdkModule(module) ? module : null;
    }
    if (first.endsWith(".jar")) {
      return null;
    }
    for (String p : TOOL_MAIN_PREFIXES) {
      if (first.startsWith(p)) {
        return first;
      }
    }
    return null;
  }

  static String detect() {
    return detect(System.getProperty("jdk.module.main"), System.getProperty("sun.java.command"));
  }

  /** Up to the first white space; by hand: this runs in every JVM, where a regex would be its first. */
  private static String firstWord(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return s.substring(0, i);
      }
    }
    return s;
  }

  private static boolean isJdkModule(String module) {
    return module != null && (module.startsWith("jdk.") || module.startsWith("java."));
  }
}
