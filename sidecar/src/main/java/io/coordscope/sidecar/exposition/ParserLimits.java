package io.coordscope.sidecar.exposition;

/**
 * Bounds that keep parsing memory and time proportional to what a sane exposition needs. Every
 * limit must be positive. Memory of one parse is bounded by {@code maxBodyBytes} (the body) plus
 * {@code maxSamples} parsed samples.
 *
 * @param maxBodyBytes largest accepted body (default 10 MiB)
 * @param maxLineBytes longest line in bytes, without its newline (default 64 KiB)
 * @param maxSamples most samples in one body (default 200,000; a parsed sample with a dozen labels
 *     takes a few hundred bytes)
 * @param maxLabelsPerSample most labels on one sample, not counting the metric name (default 128)
 * @param maxLabelNameLength longest label name in characters (default 1,024)
 * @param maxLabelValueLength longest label value in characters (default 16,384)
 */
public record ParserLimits(
    long maxBodyBytes,
    int maxLineBytes,
    int maxSamples,
    int maxLabelsPerSample,
    int maxLabelNameLength,
    int maxLabelValueLength) {

  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
  public static final ParserLimits DEFAULTS =
      new ParserLimits(DEFAULT_MAX_BODY_BYTES, 64 * 1024, 200_000, 128, 1024, 16 * 1024);

  public ParserLimits {
    if (maxBodyBytes <= 0 || maxLineBytes <= 0 || maxSamples <= 0 || maxLabelsPerSample <= 0
        || maxLabelNameLength <= 0 || maxLabelValueLength <= 0) {
      throw new IllegalArgumentException("parser limits must be positive: " + maxBodyBytes + ", " + maxLineBytes
          + ", " + maxSamples + ", " + maxLabelsPerSample + ", " + maxLabelNameLength + ", " + maxLabelValueLength);
    }
  }

  /** The same limits with another body size limit (what {@code body_size_limit} configures). */
  public ParserLimits withMaxBodyBytes(long bytes) {
    return new ParserLimits(bytes, maxLineBytes, maxSamples, maxLabelsPerSample, maxLabelNameLength,
        maxLabelValueLength);
  }
}
