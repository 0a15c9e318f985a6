package io.surrogate.synth.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * SDMetrics' TVComplement: 1 − ½·Σ|f_real − f_synthetic| over every category of either side, NULL
 * counted as a category of its own.
 */
public final class TvComplement {
  private TvComplement() {
  }

  /** The score in [0, 1]; NaN when either side is empty. */
  public static double compute(Object[] real, Object[] synthetic) {
    if (real.length == 0 || synthetic.length == 0) {
      return Double.NaN;
    }
    Map<Object, double[]> freq = new HashMap<>();
    for (Object v : real) {
      freq.computeIfAbsent(key(v), k -> new double[2])[0] += 1.0 / real.length;
    }
    for (Object v : synthetic) {
      freq.computeIfAbsent(key(v), k -> new double[2])[1] += 1.0 / synthetic.length;
    }
    double total = 0;
    for (double[] f : freq.values()) {
      total += Math.abs(f[0] - f[1]);
    }
    return 1 - total / 2;
  }

  private static Object key(Object v) {
    return v == null ? NullKey.NULL : v;
  }

  /** Stands for NULL as a map key. */
  enum NullKey {
    NULL
  }
}
