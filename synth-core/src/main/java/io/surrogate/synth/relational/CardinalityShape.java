package io.surrogate.synth.relational;

import java.util.Arrays;

/** SDMetrics-style CardinalityShapeSimilarity: 1 − KS statistic between two children-per-parent samples. */
public final class CardinalityShape {
  private CardinalityShape() {
  }

  /** 1 − sup |F_real − F_synth| over the observed counts; 1 means identical distributions. */
  public static double similarity(long[] real, long[] synthetic) {
    if (real.length == 0 || synthetic.length == 0) {
      throw new IllegalArgumentException("children-per-parent samples: sizes " + real.length + " and "
          + synthetic.length + " (expected: both non-empty)");
    }
    long[] a = real.clone();
    long[] b = synthetic.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < a.length && j < b.length) {
      long x = Math.min(a[i], b[j]);
      while (i < a.length && a[i] == x) {
        i++;
      }
      while (j < b.length && b[j] == x) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
    }
    return 1 - d;
  }
}
