package io.surrogate.synth.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SDMetrics' ContingencySimilarity: 1 − the total variation distance between the normalised 2-D
 * contingency tables of a column pair, NULL a category of its own. Numeric columns are discretised by
 * the caller (see {@link QualityReport}).
 */
public final class ContingencySimilarity {
  private ContingencySimilarity() {
  }

  /** The score in [0, 1]; NaN when either side is empty. */
  public static double compute(Object[] realA, Object[] realB, Object[] synA, Object[] synB) {
    if (realA.length == 0 || synA.length == 0) {
      return Double.NaN;
    }
    Map<List<Object>, double[]> freq = new HashMap<>();
    add(freq, realA, realB, 0);
    add(freq, synA, synB, 1);
    double total = 0;
    for (double[] f : freq.values()) {
      total += Math.abs(f[0] - f[1]);
    }
    return 1 - total / 2;
  }

  private static void add(Map<List<Object>, double[]> freq, Object[] a, Object[] b, int side) {
    double w = 1.0 / a.length;
    for (int i = 0; i < a.length; i++) {
      List<Object> key = Arrays.asList(a[i], b[i]);
      freq.computeIfAbsent(key, k -> new double[2])[side] += w;
    }
  }
}
