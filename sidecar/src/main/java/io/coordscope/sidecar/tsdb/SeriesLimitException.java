package io.coordscope.sidecar.tsdb;

/** A new series was refused because the store holds its configured maximum number of series. */
public final class SeriesLimitException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SeriesLimitException(int limit) {
    super("series limit of " + limit + " reached; new series are refused until old ones expire");
  }
}
