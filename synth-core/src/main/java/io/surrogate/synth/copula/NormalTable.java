package io.surrogate.synth.copula;

import io.surrogate.synth.dp.NormalQuantile;

/**
 * The standard normal CDF as a table with linear interpolation (step 1/512 on [−8, 8], error below
 * 2e-7), so the sampling loop needs no special functions; the table is built once from the exact CDF.
 */
final class NormalTable {
  private static final double RANGE = 8;
  private static final int PER_UNIT = 512;
  private static final double[] CDF = build();

  private NormalTable() {
  }

  private static double[] build() {
    int n = (int) (2 * RANGE * PER_UNIT) + 2;
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = NormalQuantile.cdf(-RANGE + (double) i / PER_UNIT);
    }
    return t;
  }

  /** Φ(z) to about 2e-7. */
  static double cdf(double z) {
    if (z <= -RANGE) {
      return 0;
    }
    if (z >= RANGE) {
      return 1;
    }
    double t = (z + RANGE) * PER_UNIT;
    int i = (int) t;
    double f = t - i;
    return CDF[i] + f * (CDF[i + 1] - CDF[i]);
  }
}
