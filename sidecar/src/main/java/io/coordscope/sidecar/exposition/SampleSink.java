package io.coordscope.sidecar.exposition;

/**
 * Receives samples one by one while the body is parsed, so a caller can stop early (e.g. on a
 * sample limit) without the parser materialising the whole result. An exception thrown by the
 * sink propagates to the caller of the parser unchanged.
 */
@FunctionalInterface
public interface SampleSink {

  void accept(Sample sample);
}
