package io.coordscope.agent.instrument;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Whether a class file's constant pool holds one of a few UTF-8 entries, read straight from the
 * bytes: an annotation on any of a class's methods puts its type descriptor
 * ({@code Lio/coordscope/annotations/CoordinationOp;}) there, so a class without it cannot match
 * and is never handed to Byte Buddy (which would parse the whole class to find out). Reads only
 * the constant pool, allocates nothing; a malformed class file answers {@code true} (Byte Buddy
 * then decides, as before).
 */
final class ConstantPoolScan {

  private final byte[][] wanted;

  /** @param annotationNames fully qualified annotation type names */
  ConstantPoolScan(Collection<String> annotationNames) {
    wanted = new byte[annotationNames.size()][];
    int i = 0;
    for (String n : annotationNames) {
      // Descriptors of ASCII names are the same bytes in modified UTF-8.
      wanted[i++] = ('L' + n.replace('.', '/') + ';').getBytes(StandardCharsets.UTF_8);
    }
  }

  /** True if the class file's constant pool has one of the descriptors (or cannot be read). */
  boolean mentions(byte[] b) {
    if (wanted.length == 0) {
      return false;
    }
    try {
      int count = u2(b, 8);
      int p = 10;
      for (int i = 1; i < count; i++) {
        int tag = b[p] & 0xff;
        switch (tag) {
          case 1: // Utf8
            int len = u2(b, p + 1);
            if (matches(b, p + 3, len)) {
              return true;
            }
            p += 3 + len;
            break;
          case 3: // Integer
          case 4: // Float
          case 9: // Fieldref
          case 10: // Methodref
          case 11: // InterfaceMethodref
          case 12: // NameAndType
          case 17: // Dynamic
          case 18: // InvokeDynamic
            p += 5;
            break;
          case 5: // Long
          case 6: // Double
            p += 9;
            i++; // takes two slots
            break;
          case 7: // Class
          case 8: // String
          case 16: // MethodType
          case 19: // Module
          case 20: // Package
            p += 3;
            break;
          case 15: // MethodHandle
            p += 4;
            break;
          default:
            return true; // unknown tag: let Byte Buddy read it
        }
      }
      return false;
    } catch (ArrayIndexOutOfBoundsException e) {
      return true;
    }
  }

  private boolean matches(byte[] b, int start, int len) {
    for (byte[] w : wanted) {
      if (w.length == len && b[start] == 'L' && equalAt(b, start, w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean equalAt(byte[] b, int start, byte[] w) {
    for (int j = w.length - 1; j >= 0; j--) { // the end differs first: package prefixes are shared
      if (b[start + j] != w[j]) {
        return false;
      }
    }
    return true;
  }

  private static int u2(byte[] b, int p) {
    return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
  }
}
