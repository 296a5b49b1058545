package io.coordscope.core;

import java.util.List;

/**
 * One annotation as a reader sees it, by name: the standalone agent reads Byte Buddy's
 * descriptions at transform time (nothing loaded), the extension reads reflected annotations on
 * the first call. {@link SpecReading} decides what the values mean.
 */
public interface AnnotationValues {

  /** The annotation type's binary name. */
  String typeName();

  /**
   * The {@code String} attribute {@code name} as written (untrimmed), or null when the annotation
   * type has no such attribute, it is not a {@code String}, or it cannot be read.
   */
  String string(String name);

  /**
   * The class names of the {@code Class[]} attribute {@code name}, or an empty list when the
   * annotation type has no such attribute, it is not a {@code Class[]}, or a class in it cannot be
   * resolved.
   */
  List<String> classNames(String name);
}
