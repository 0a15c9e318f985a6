package io.surrogate.synth.dp;

/**
 * The exponential mechanism (McSherry &amp; Talwar 2007): picks candidate i with probability
 * proportional to exp(ε·score_i / (2Δ)). It is ε-DP and, being bounded-range, ε²/8-zCDP
 * (Cesar &amp; Rogers 2021).
 */
public final class ExponentialMechanism {
  private ExponentialMechanism() {
  }

  /** Index of the chosen candidate; ε = +∞ returns the first best score. */
  public static int select(double[] scores, double sensitivity, double epsilon, NoiseSource random) {
    if (scores.length == 0) {
      throw new IllegalArgumentException("scores: empty (expected: at least one candidate)");
    }
    Mechanisms.checkSensitivity(sensitivity);
    Mechanisms.checkEpsilon(epsilon);
    double max = Double.NEGATIVE_INFINITY;
    int best = 0;
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] > max) {
        max = scores[i];
        best = i;
      }
    }
    if (Double.isInfinite(epsilon)) {
      return best;
    }
    // Gumbel-max trick: argmax(score·ε/2Δ + Gumbel) has exactly the mechanism's distribution,
    // and needs no normalisation that could overflow.
    double factor = epsilon / (2 * sensitivity);
    int chosen = 0;
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < scores.length; i++) {
      double u = Math.max(random.nextDouble(), Double.MIN_NORMAL);
      double key = (scores[i] - max) * factor - StrictMath.log(-StrictMath.log(u));
      if (key > top) {
        top = key;
        chosen = i;
      }
    }
    return chosen;
  }

  /** zCDP cost of one selection at ε: ρ = ε²/8. */
  public static double rho(double epsilon) {
    return epsilon * epsilon / 8;
  }

  /** The ε whose selection costs exactly ρ. */
  public static double epsilonForRho(double rho) {
    return StrictMath.sqrt(8 * rho);
  }
}
