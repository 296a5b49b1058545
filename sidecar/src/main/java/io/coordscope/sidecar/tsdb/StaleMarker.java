package io.coordscope.sidecar.tsdb;

/**
 * Prometheus's staleness marker: a NaN with a specific bit pattern, appended when a series or a
 * whole target disappears. Queries treat a series as absent from the marker on.
 */
public final class StaleMarker {

  public static final long BITS = 0x7ff0000000000002L;
  public static final double VALUE = Double.longBitsToDouble(BITS);

  private StaleMarker() {}

  public static boolean is(double v) {
    return Double.doubleToRawLongBits(v) == BITS;
  }
}
