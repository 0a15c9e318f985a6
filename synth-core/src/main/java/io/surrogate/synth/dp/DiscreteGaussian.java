package io.surrogate.synth.dp;

import java.math.BigInteger;

/**
 * The discrete Gaussian mechanism for integer statistics (counts, histogram cells): adds an integer drawn
 * with P(x) ∝ exp(−x²/(2σ²)), exactly (Canonne, Kamath &amp; Steinke 2020). For L2 sensitivity Δ it is
 * ρ-zCDP with ρ = Δ²/(2σ²), as the continuous Gaussian, and its tails are no heavier:
 * P[X ≥ m] ≤ P[N(0, σ²) ≥ m − 1] for m ≥ 1, which is why thresholds over its noisy counts add one.
 */
public final class DiscreteGaussian {
  /** How the ledger names this mechanism. */
  public static final String NAME = "discrete Gaussian";

  private DiscreteGaussian() {
  }

  /**
   * Returns {@code value + X}, X discrete Gaussian of σ = Δ/√(2ρ) (σ² rounded up, so the cost is at most
   * ρ); ρ = +∞ returns the value.
   */
  public static long release(long value, double l2Sensitivity, double rho, NoiseSource random) {
    double sigma = Gaussian.sigma(l2Sensitivity, rho);
    return sigma == 0 ? value : value + sample(sigma, random);
  }

  /** One draw of the discrete Gaussian of scale σ > 0. */
  public static long sample(double sigma, NoiseSource random) {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma: " + sigma + " (expected: finite and > 0)");
    }
    BigInteger[] variance = ExactSampling.fraction(Math.nextUp(sigma * sigma));
    return ExactSampling.discreteGaussian(variance[0], variance[1], random).longValueExact();
  }

  /** The extra 1 a threshold over discrete Gaussian counts needs, given the tail bound above. */
  public static double thresholdSlack(double sigma) {
    return sigma == 0 ? 0 : 1;
  }
}
