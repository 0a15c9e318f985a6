package io.surrogate.synth.dp;

/**
 * Releases a table's row count with the discrete Gaussian mechanism (L2 sensitivity 1 under add/remove-one-row),
 * and gives a high-probability lower bound on the true count from the released one, for statistics whose
 * sensitivity shrinks with the row count.
 */
public final class NoisyCount {
  private NoisyCount() {
  }

  /** {@code max(0, n + X)}, X discrete Gaussian with σ² = 1/(2ρ); ρ = +∞ returns n. */
  public static long release(long count, double rho, NoiseSource random) {
    if (count < 0) {
      throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
    }
    return Math.max(0, DiscreteGaussian.release(count, 1, rho, random));
  }

  /**
   * A count that the true one is below with probability at most {@code beta}, given a release at cost ρ:
   * {@code noisy − 1 − σ·Φ⁻¹(1 − β)} (at least 0; the 1 covers the discrete tail). Pure post-processing of the release.
   */
  public static double lowerBound(long noisy, double rho, double beta) {
    if (!(beta > 0 && beta < 1)) {
      throw new IllegalArgumentException("beta: " + beta + " (expected: > 0 and < 1)");
    }
    double sigma = Gaussian.sigma(1, rho);
    return Math.max(0, noisy - DiscreteGaussian.thresholdSlack(sigma) - sigma * NormalQuantile.inverse(1 - beta));
  }
}
