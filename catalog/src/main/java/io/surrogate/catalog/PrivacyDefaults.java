package io.surrogate.catalog;

/**
 * The privacy settings a table gets when its policy entry does not override them.
 *
 * @param epsilon ε of one training, &gt; 0 (may be +∞ for comparison runs)
 * @param delta δ of one training, in (0, 1)
 * @param budget cap on the total ε ever spent on one table, &gt; 0 (may be +∞)
 */
public record PrivacyDefaults(double epsilon, double delta, double budget) {

  /** ε of one training when the policy names none. */
  public static final double DEFAULT_EPSILON = 1.0;
  /** δ of one training when the policy names none. */
  public static final double DEFAULT_DELTA = 1e-9;
  /** Per-table cap on total ε when the policy names none. */
  public static final double DEFAULT_BUDGET = 10.0;

  /** Validates ranges so that a bad policy fails before any data is read. */
  public PrivacyDefaults {
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon: " + epsilon + " (expected: > 0)");
    }
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta: " + delta + " (expected: > 0 and < 1)");
    }
    if (!(budget > 0)) {
      throw new IllegalArgumentException("budget: " + budget + " (expected: > 0)");
    }
  }

  /** ε 1.0, δ 1e-9, budget 10.0. */
  public static PrivacyDefaults standard() {
    return new PrivacyDefaults(DEFAULT_EPSILON, DEFAULT_DELTA, DEFAULT_BUDGET);
  }
}
