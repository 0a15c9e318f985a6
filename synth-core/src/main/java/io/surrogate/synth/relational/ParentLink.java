package io.surrogate.synth.relational;

import java.util.Objects;

/**
 * One foreign-key link from a child table's column to a parent table's key, with the cap on rows per
 * parent that bounds both the cardinality histogram and the group-privacy factor.
 */
public record ParentLink(String childTable, String foreignKey, String parentTable, String parentKey,
    int maxRowsPerParent, boolean nullable) {

  /** Cap used when the policy names none: wide enough for typical order/line tables, small enough for ε/k. */
  public static final int DEFAULT_MAX_ROWS_PER_PARENT = 20;

  /** Validates names and the cap early so a bad policy fails before any data is read. */
  public ParentLink {
    requireName("child table", childTable);
    requireName("foreign key of " + childTable, foreignKey);
    requireName("parent table of " + childTable, parentTable);
    requireName("parent key of " + childTable, parentKey);
    if (maxRowsPerParent <= 0) {
      throw new IllegalArgumentException("max_rows_per_parent of " + childTable + " -> " + parentTable + ": "
          + maxRowsPerParent + " (expected: > 0)");
    }
  }

  /** True when the link points back at its own table (employee → manager). */
  public boolean selfReference() {
    return childTable.equalsIgnoreCase(parentTable);
  }

  /** The ε at which the child's row-level statistics are fitted: ε/k for group privacy over one parent. */
  public double childEpsilon(double epsilon) {
    return Double.isInfinite(epsilon) ? epsilon : epsilon / maxRowsPerParent;
  }

  /** The privacy unit recorded on the child's ledger entry. */
  public String privacyUnit() {
    return "parent:" + parentTable;
  }

  private static void requireName(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + ": '" + value + "' (expected: a non-blank name)");
    }
  }
}
