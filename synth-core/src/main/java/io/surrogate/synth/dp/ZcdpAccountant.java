package io.surrogate.synth.dp;

import io.surrogate.synth.PrivacyCost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Adds up zero-concentrated DP costs within one training (ρ composes by addition) and converts the
 * total to (ε, δ) once, with ε = ρ + 2√(ρ·ln(1/δ)) (Bun &amp; Steinke 2016, Prop. 1.3).
 *
 * <p>Not thread-safe: one accountant belongs to one fit.
 */
public final class ZcdpAccountant {
  private final double delta;
  private final double budgetRho;
  private double spentRho;
  private final List<String> releases = new ArrayList<>();

  /** An accountant allowed to spend the ρ that converts to exactly (ε, δ). */
  public ZcdpAccountant(double epsilon, double delta) {
    Mechanisms.checkEpsilon(epsilon);
    if (!(delta > 0 && delta < 1) && !Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("delta: " + delta + " (expected: > 0 and < 1 for zCDP conversion)");
    }
    this.delta = delta;
    this.budgetRho = rhoFor(epsilon, delta);
  }

  /** The largest ρ whose conversion at δ is at most ε: (√(L+ε) − √L)² with L = ln(1/δ). */
  public static double rhoFor(double epsilon, double delta) {
    if (Double.isInfinite(epsilon)) {
      return Double.POSITIVE_INFINITY;
    }
    double l = StrictMath.log(1 / delta);
    double root = StrictMath.sqrt(l + epsilon) - StrictMath.sqrt(l);
    return root * root;
  }

  /** ε of a ρ-zCDP release at δ: ρ + 2√(ρ·ln(1/δ)). */
  public static double epsilonFor(double rho, double delta) {
    if (Double.isInfinite(rho)) {
      return Double.POSITIVE_INFINITY;
    }
    return rho + 2 * StrictMath.sqrt(rho * StrictMath.log(1 / delta));
  }

  /** The whole ρ this accountant may spend. */
  public double budgetRho() {
    return budgetRho;
  }

  /** ρ not yet spent. */
  public double remainingRho() {
    return budgetRho - spentRho;
  }

  /**
   * Records a release costing ρ, described for the ledger.
   *
   * @throws IllegalStateException when it would exceed the budget (beyond rounding)
   */
  public void spend(double rho, String what) {
    Mechanisms.checkRho(rho);
    if (!Double.isInfinite(budgetRho) && spentRho + rho > budgetRho * (1 + 1e-9)) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "release '%s' needs rho %.6g but only %.6g is left", what, rho, remainingRho()));
    }
    spentRho += rho;
    releases.add(String.format(Locale.ROOT, "%s: rho=%.6g", what, rho));
  }

  /** Records a release made without noise under an unlimited budget. */
  public void spendUnlimited(String what) {
    if (!Double.isInfinite(budgetRho)) {
      throw new IllegalStateException("release '" + what + "' without noise needs epsilon = infinity");
    }
    releases.add(what + ": exact (epsilon = infinity)");
  }

  /** The cost so far, converted to (ε, δ) once. */
  public PrivacyCost cost() {
    if (Double.isInfinite(budgetRho)) {
      return new PrivacyCost(Double.POSITIVE_INFINITY, delta, Double.POSITIVE_INFINITY, releases);
    }
    return new PrivacyCost(epsilonFor(spentRho, delta), delta, spentRho, releases);
  }
}
