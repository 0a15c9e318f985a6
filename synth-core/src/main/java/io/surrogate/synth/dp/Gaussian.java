package io.surrogate.synth.dp;

/**
 * The Gaussian mechanism under zCDP: adding N(0, σ²) with σ = Δ₂/√(2ρ) is ρ-zCDP. Only for real-valued
 * statistics (correlations, sums); integer ones use {@link DiscreteGaussian}.
 */
public final class Gaussian {
  private Gaussian() {
  }

  /** Returns {@code value + N(0, σ²)} for L2 sensitivity Δ₂ and cost ρ; ρ = +∞ adds nothing. */
  public static double release(double value, double l2Sensitivity, double rho, NoiseSource random) {
    return value + sigma(l2Sensitivity, rho) * random.nextGaussian();
  }

  /** Noise scale for L2 sensitivity Δ₂ at cost ρ; 0 when ρ is +∞. */
  public static double sigma(double l2Sensitivity, double rho) {
    Mechanisms.checkSensitivity(l2Sensitivity);
    Mechanisms.checkRho(rho);
    return Double.isInfinite(rho) ? 0 : l2Sensitivity / StrictMath.sqrt(2 * rho);
  }

  /** zCDP cost of adding N(0, σ²) to a statistic with L2 sensitivity Δ₂: ρ = Δ₂²/(2σ²). */
  public static double rho(double l2Sensitivity, double sigma) {
    return l2Sensitivity * l2Sensitivity / (2 * sigma * sigma);
  }
}
