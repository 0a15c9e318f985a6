package io.surrogate.synth.dp;

import org.apache.commons.math3.special.Erf;

/** The standard normal distribution's CDF and quantile, in closed forms that are exact to double rounding. */
public final class NormalQuantile {
  private static final double SQRT2 = Math.sqrt(2);

  private NormalQuantile() {
  }

  /** Φ⁻¹(p) for p in (0, 1); uses the complementary error function so both tails keep precision. */
  public static double inverse(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p: " + p + " (expected: > 0 and < 1)");
    }
    return -SQRT2 * Erf.erfcInv(2 * p);
  }

  /** Φ(z). */
  public static double cdf(double z) {
    return 0.5 * Erf.erfc(-z / SQRT2);
  }
}
