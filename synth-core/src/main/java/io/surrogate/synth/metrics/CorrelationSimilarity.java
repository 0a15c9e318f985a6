package io.surrogate.synth.metrics;

/**
 * SDMetrics' CorrelationSimilarity with Pearson's coefficient: 1 − |ρ_real − ρ_synthetic| / 2, each
 * over the rows where both columns are non-null.
 */
public final class CorrelationSimilarity {
  private CorrelationSimilarity() {
  }

  /** The score in [0, 1]; NaN when a side has a constant column or fewer than two complete rows. */
  public static double compute(Object[] realA, Object[] realB, Object[] synA, Object[] synB) {
    return 1 - Math.abs(pearson(realA, realB) - pearson(synA, synB)) / 2;
  }

  /** Pearson's correlation over complete rows. */
  public static double pearson(Object[] a, Object[] b) {
    double sa = 0;
    double sb = 0;
    int n = 0;
    double[] x = new double[a.length];
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double p = MetricValues.toDouble(a[i]);
      double q = MetricValues.toDouble(b[i]);
      if (!Double.isNaN(p) && !Double.isNaN(q)) {
        x[n] = p;
        y[n] = q;
        sa += p;
        sb += q;
        n++;
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    double ma = sa / n;
    double mb = sb / n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      double da = x[i] - ma;
      double db = y[i] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
  }
}
