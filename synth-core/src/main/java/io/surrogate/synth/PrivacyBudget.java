package io.surrogate.synth;

/**
 * The (ε, δ) a single training may spend. {@code epsilon} may be {@link Double#POSITIVE_INFINITY},
 * meaning no noise at all (for comparison runs only).
 *
 * @param epsilon ε &gt; 0, or +∞
 * @param delta δ in [0, 1)
 */
public record PrivacyBudget(double epsilon, double delta) {

  /** Validates ranges early so a bad policy fails before any data is read. */
  public PrivacyBudget {
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon: " + epsilon + " (expected: > 0)");
    }
    if (!(delta >= 0 && delta < 1)) {
      throw new IllegalArgumentException("delta: " + delta + " (expected: >= 0 and < 1)");
    }
  }

  /** Whether this budget means no noise. */
  public boolean isUnlimited() {
    return Double.isInfinite(epsilon);
  }
}
