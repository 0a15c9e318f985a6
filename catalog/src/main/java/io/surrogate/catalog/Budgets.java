package io.surrogate.catalog;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.SQLException;

/** The budget-cap rule shared by the trainer's early check and the catalog's transactional one. */
final class Budgets {
  /** Relative slack so that ten trainings of ε 1.0 fit a budget of 10.0 despite rounding. */
  private static final double SLACK = 1e-9;

  private Budgets() {
  }

  /** Whether spending {@code epsilon} on top of {@code spent} stays within {@code budget}. */
  static boolean fits(double spent, double epsilon, double budget) {
    if (Double.isInfinite(budget)) {
      return true;
    }
    return spent + epsilon <= budget * (1 + SLACK);
  }

  /** The refusal, SQLSTATE 53400, naming what is needed and what is left. */
  static SQLException exhausted(String table, double epsilon, double spent, double budget) {
    double left = Math.max(0, budget - spent);
    return SqlState.CONFIGURATION_LIMIT_EXCEEDED.create("table " + table + ": training needs epsilon " + format(epsilon)
        + " but only " + format(left) + " of budget " + format(budget) + " is left");
  }

  /** A number rounded to 6 significant digits, written like {@code 0.5} or {@code 10.0}. */
  static String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    String s = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    return s.contains(".") ? s : s + ".0";
  }
}
