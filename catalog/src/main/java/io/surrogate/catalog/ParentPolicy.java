package io.surrogate.catalog;

import java.util.Objects;

/**
 * A child table's link to its parent for per-entity privacy (multi-table synthesis); parsed and stored,
 * not yet used by training.
 *
 * @param table parent table name
 * @param key foreign-key column in the child
 * @param maxRowsPerParent declared cap on child rows per parent entity, or null when not declared
 */
public record ParentPolicy(String table, String key, Integer maxRowsPerParent) {

  public ParentPolicy {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(key, "key");
    if (maxRowsPerParent != null && maxRowsPerParent <= 0) {
      throw new IllegalArgumentException("max_rows_per_parent: " + maxRowsPerParent + " (expected: > 0)");
    }
  }
}
