package io.surrogate.synth.metrics;

import java.util.Arrays;

/** SDMetrics' KSComplement: 1 − the two-sample Kolmogorov–Smirnov statistic over non-null values. */
public final class KsComplement {
  private KsComplement() {
  }

  /** The score in [0, 1]; NaN when either side has no non-null value. */
  public static double compute(Object[] real, Object[] synthetic) {
    return 1 - statistic(MetricValues.nonNull(real), MetricValues.nonNull(synthetic));
  }

  /** The KS statistic sup|F_a − F_b| of two samples. */
  public static double statistic(double[] a, double[] b) {
    if (a.length == 0 || b.length == 0) {
      return Double.NaN;
    }
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    int i = 0;
    int j = 0;
    double worst = 0;
    while (i < x.length && j < y.length) {
      double v = Math.min(x[i], y[j]);
      while (i < x.length && x[i] <= v) {
        i++;
      }
      while (j < y.length && y[j] <= v) {
        j++;
      }
      worst = Math.max(worst, Math.abs((double) i / x.length - (double) j / y.length));
    }
    return worst;
  }
}
