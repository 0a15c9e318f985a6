package io.surrogate.catalog;

import java.time.Instant;
import java.util.List;

/**
 * One DP release against a table, as recorded in the privacy ledger.
 *
 * @param source source identity
 * @param table table name
 * @param modelVersion the model version this release produced
 * @param epsilon ε of the release
 * @param delta δ of the release
 * @param rho zCDP ρ of the release, or NaN when accounted otherwise
 * @param unit privacy unit, such as {@code row} or {@code parent:patients}
 * @param releases one line per mechanism use
 * @param at commit time
 */
public record LedgerEntry(
    String source,
    String table,
    int modelVersion,
    double epsilon,
    double delta,
    double rho,
    String unit,
    List<String> releases,
    Instant at) {

  public LedgerEntry {
    releases = List.copyOf(releases);
  }
}
