package io.surrogate.catalog;

import java.util.List;
import java.util.Map;

/**
 * The policy of one table after defaults are applied.
 *
 * @param name table name of the policy entry, after PostgreSQL's identifier rules (without schema)
 * @param mode real or synthetic
 * @param generator generator name ({@code copula}, {@code cart}, {@code vae})
 * @param epsilon ε of one training (may be +∞ for comparison runs)
 * @param delta δ of one training, or null for the default of at most 1/n²
 * @param budget cap on the total ε ever spent on this table
 * @param rows rows to serve, or null for the DP-released row count
 * @param train when to train
 * @param seed serving and training seed
 * @param columns column declarations keyed by lower-case name
 * @param options generator-specific options
 * @param writable whether writes pass through to the source (real tables only; false by default)
 * @param parents links to parent tables the policy declares (the first one drives multi-table layout)
 * @param maxTrainingRows cap on the rows a single-table training holds: a larger table is trained on a Poisson
 *     sample of about this many rows (0: no cap, every row is read)
 */
public record TablePolicy(
    String name,
    TableMode mode,
    String generator,
    double epsilon,
    Double delta,
    double budget,
    Long rows,
    TrainMode train,
    long seed,
    Map<String, ColumnPolicy> columns,
    Map<String, String> options,
    boolean writable,
    List<ParentPolicy> parents,
    long maxTrainingRows) {

  /** Rows a training holds when the policy sets no {@code max_training_rows}. */
  public static final long DEFAULT_MAX_TRAINING_ROWS = 1_000_000;

  public TablePolicy {
    if (maxTrainingRows < 0) {
      throw new IllegalArgumentException("max_training_rows: " + maxTrainingRows + " (expected: >= 0)");
    }
    columns = Map.copyOf(columns);
    options = Map.copyOf(options);
    parents = List.copyOf(parents);
  }

  /** A table without declared parents. */
  public TablePolicy(String name, TableMode mode, String generator, double epsilon, Double delta, double budget,
      Long rows, TrainMode train, long seed, Map<String, ColumnPolicy> columns, Map<String, String> options,
      boolean writable) {
    this(name, mode, generator, epsilon, delta, budget, rows, train, seed, columns, options, writable, List.of());
  }

  /** A table with the default training cap. */
  public TablePolicy(String name, TableMode mode, String generator, double epsilon, Double delta, double budget,
      Long rows, TrainMode train, long seed, Map<String, ColumnPolicy> columns, Map<String, String> options,
      boolean writable, List<ParentPolicy> parents) {
    this(name, mode, generator, epsilon, delta, budget, rows, train, seed, columns, options, writable, parents,
        DEFAULT_MAX_TRAINING_ROWS);
  }

  /** This policy for another table (a partition of this one). */
  public TablePolicy withName(String table) {
    return new TablePolicy(table, mode, generator, epsilon, delta, budget, rows, train, seed, columns, options,
        writable, parents, maxTrainingRows);
  }

  /** The column declaration matching ignoring case, or null. */
  public ColumnPolicy column(String columnName) {
    return columns.get(columnName.toLowerCase(java.util.Locale.ROOT));
  }
}
