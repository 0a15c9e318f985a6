package io.surrogate.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A child table's declared link to its parent (multi-table synthesis): which column references which table, the
 * cap on rows one parent entity contributes, and which parent columns the child's rows depend on.
 *
 * @param table parent table name
 * @param key foreign-key column in the child
 * @param maxRowsPerParent declared cap on child rows per parent entity, or null when not declared
 * @param conditionOn parent columns the child's rows depend on, or null for the default (all of the parent's
 *     modelled columns when the child's generator can condition, none otherwise)
 */
public record ParentPolicy(String table, String key, Integer maxRowsPerParent, List<String> conditionOn) {

  /** A parent with the default conditioning. */
  public ParentPolicy(String table, String key, Integer maxRowsPerParent) {
    this(table, key, maxRowsPerParent, null);
  }

  public ParentPolicy {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(key, "key");
    if (maxRowsPerParent != null && maxRowsPerParent <= 0) {
      throw new IllegalArgumentException("max_rows_per_parent: " + maxRowsPerParent + " (expected: > 0)");
    }
    conditionOn = conditionOn == null ? null : List.copyOf(conditionOn);
  }
}
