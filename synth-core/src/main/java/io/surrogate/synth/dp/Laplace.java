package io.surrogate.synth.dp;

import java.util.random.RandomGenerator;

/** The Laplace mechanism: ε-DP release of a number with L1 sensitivity Δ by adding Lap(Δ/ε). */
public final class Laplace {
  private Laplace() {
  }

  /** Returns {@code value + Lap(sensitivity / epsilon)}; ε = +∞ returns the value unchanged. */
  public static double release(double value, double sensitivity, double epsilon, RandomGenerator random) {
    Mechanisms.checkSensitivity(sensitivity);
    Mechanisms.checkEpsilon(epsilon);
    if (Double.isInfinite(epsilon)) {
      return value;
    }
    return value + sample(sensitivity / epsilon, random);
  }

  /** One draw of Lap(0, scale) by inverse CDF. */
  public static double sample(double scale, RandomGenerator random) {
    double u = random.nextDouble() - 0.5;
    // 1 - 2|u| is in (0, 1]; guard the single value 0 that nextDouble can return at -0.5
    double tail = Math.max(1 - 2 * Math.abs(u), Double.MIN_NORMAL);
    return -scale * Math.signum(u) * StrictMath.log(tail);
  }

  /** zCDP cost of an ε-DP release: ρ = ε²/2 (Bun &amp; Steinke 2016, Prop. 1.4). */
  public static double rho(double epsilon) {
    return epsilon * epsilon / 2;
  }

  /** The ε whose Laplace release costs exactly ρ. */
  public static double epsilonForRho(double rho) {
    return StrictMath.sqrt(2 * rho);
  }
}
