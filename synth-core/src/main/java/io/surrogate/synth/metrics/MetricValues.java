package io.surrogate.synth.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Conversions shared by the metrics: numeric views of column values and equal-width discretisation. */
final class MetricValues {
  private MetricValues() {
  }

  /** A numeric value as a double (dates as epoch days, timestamps as epoch seconds); NaN for null. */
  static double toDouble(Object v) {
    if (v == null) {
      return Double.NaN;
    }
    if (v instanceof Number) {
      return v instanceof BigDecimal ? ((BigDecimal) v).doubleValue() : ((Number) v).doubleValue();
    }
    if (v instanceof LocalDate) {
      return ((LocalDate) v).toEpochDay();
    }
    if (v instanceof LocalDateTime) {
      LocalDateTime t = (LocalDateTime) v;
      return t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9;
    }
    throw new IllegalArgumentException("value " + v.getClass().getSimpleName() + " (expected: a number or date)");
  }

  /** The non-null values as doubles. */
  static double[] nonNull(Object[] values) {
    double[] out = new double[values.length];
    int n = 0;
    for (Object v : values) {
      double x = toDouble(v);
      if (!Double.isNaN(x)) {
        out[n++] = x;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Bin codes of {@code values} over {@code bins} equal-width bins spanning {@code reference}'s non-null
   * range, with open outer edges (numpy's {@code histogram_bin_edges} then outer edges at ±∞, as
   * SDMetrics discretises); null gets code -1.
   */
  static Object[] discretize(Object[] values, Object[] reference, int bins) {
    double[] ref = nonNull(reference);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : ref) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    if (ref.length == 0) {
      min = 0;
      max = 0;
    }
    if (min == max) {
      min -= 0.5;
      max += 0.5;
    }
    double width = (max - min) / bins;
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      double x = toDouble(values[i]);
      if (Double.isNaN(x)) {
        out[i] = -1;
      } else {
        int b = (int) Math.floor((x - min) / width);
        out[i] = Math.max(0, Math.min(bins - 1, b));
      }
    }
    return out;
  }
}
