package io.surrogate.synth;

/** The checks every generator makes before fitting, so each refuses the same bad input with the same words. */
public final class FitChecks {
  private FitChecks() {
  }

  /**
   * Refuses a finite ε without δ (zCDP and RDP conversions need δ &gt; 0) and a table without rows.
   *
   * @throws IllegalArgumentException naming the value and what was expected
   */
  public static void requireFittable(TableData data, PrivacyBudget budget) {
    if (!budget.isUnlimited() && !(budget.delta() > 0)) {
      throw new IllegalArgumentException("delta: " + budget.delta() + " (expected: > 0 for a finite epsilon)");
    }
    if (data.rowCount() == 0) {
      throw new IllegalArgumentException("table " + data.spec().name() + ": 0 rows (expected: at least 1 row to fit)");
    }
  }
}
