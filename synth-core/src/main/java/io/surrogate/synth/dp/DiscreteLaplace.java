package io.surrogate.synth.dp;

import java.math.BigInteger;

/**
 * The discrete Laplace (two-sided geometric) mechanism for integer statistics: adds an integer drawn with
 * P(x) ∝ exp(−ε|x|/Δ), exactly (Canonne, Kamath &amp; Steinke 2020, Algorithm 2), which is ε-DP for L1
 * sensitivity Δ and so ε²/2-zCDP. ε/Δ is rounded down to a multiple of 2⁻⁴⁰ first, so the noise is never
 * smaller than asked.
 */
public final class DiscreteLaplace {
  /** How the ledger names this mechanism. */
  public static final String NAME = "discrete Laplace";
  private static final BigInteger GRAIN = BigInteger.ONE.shiftLeft(40);

  private DiscreteLaplace() {
  }

  /** Returns {@code value + X} with P(X = x) ∝ exp(−ε|x|/Δ); ε = +∞ returns the value. */
  public static long release(long value, double l1Sensitivity, double epsilon, NoiseSource random) {
    Mechanisms.checkSensitivity(l1Sensitivity);
    Mechanisms.checkEpsilon(epsilon);
    if (Double.isInfinite(epsilon)) {
      return value;
    }
    return value + sample(epsilon / l1Sensitivity, random);
  }

  /** One draw with P(x) ∝ exp(−rate·|x|), rate > 0. */
  public static long sample(double rate, NoiseSource random) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("rate: " + rate + " (expected: finite and > 0)");
    }
    long s = (long) Math.floor(Math.scalb(rate, 40));
    if (s < 1) {
      throw new IllegalArgumentException("rate: " + rate + " (expected: >= 2^-40)");
    }
    return ExactSampling.discreteLaplace(BigInteger.valueOf(s), GRAIN, random).longValueExact();
  }

  /** zCDP cost of an ε-DP release: ρ = ε²/2 (Bun &amp; Steinke 2016, Prop. 1.4). */
  public static double rho(double epsilon) {
    return epsilon * epsilon / 2;
  }
}
