package io.surrogate.eval;

import io.surrogate.synth.TableData;
import io.surrogate.synth.metrics.QualityReport;

/**
 * Everything measured for one table.
 *
 * @param table table name
 * @param generator generator name
 * @param epsilon ε spent by the in-memory fit
 * @param delta δ spent by the in-memory fit
 * @param train real training rows
 * @param holdout real holdout rows
 * @param synthetic synthetic rows drawn from the fitted model
 * @param quality fidelity against the real training rows
 * @param diagnostics validity checks
 * @param privacy measured privacy
 * @param tstr ML utility (train synthetic, test real), or null when no target was named
 */
public record EvalResult(String table, String generator, double epsilon, double delta, TableData train,
    TableData holdout, TableData synthetic, QualityReport quality, Diagnostics diagnostics,
    PrivacyMetrics privacy, TstrResult tstr) {

  /** A result without ML utility. */
  public EvalResult(String table, String generator, double epsilon, double delta, TableData train,
      TableData holdout, TableData synthetic, QualityReport quality, Diagnostics diagnostics,
      PrivacyMetrics privacy) {
    this(table, generator, epsilon, delta, train, holdout, synthetic, quality, diagnostics, privacy, null);
  }
}
