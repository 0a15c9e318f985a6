package io.surrogate.synth.relational;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What training released about one foreign-key column, enough to serve it without the source.
 *
 * @param column the child's foreign-key column
 * @param parentTable the referenced table
 * @param kind how the column is served
 * @param cap the cap on child rows per driving parent (1 for a table whose privacy unit is its row)
 * @param weights {@link Kind#DRIVING}: DP weights of the child count 0..cap; {@link Kind#CHOICE} over real keys:
 *     DP weights of each key; otherwise empty
 * @param realKeys the keys of a {@code mode: real} parent (public), as text, or null for a synthetic parent
 * @param nullRate DP-released share of NULLs (0 for a NOT NULL column; the self-reference's own rate)
 * @param distinctPerParent whether the column must not repeat among one driving parent's children (it is part
 *     of a composite primary key with the driving column)
 * @param conditionOn the driving parent's columns the child's rows are drawn conditioned on (the model has them as
 *     columns named {@link #conditionColumn(String)}); empty when the rows do not depend on the parent
 */
public record LinkModel(String column, String parentTable, Kind kind, int cap, double[] weights,
    List<String> realKeys, double nullRate, boolean distinctPerParent, List<String> conditionOn) {

  /** Prefix of the model columns that carry a parent's attribute; never a column of the served table. */
  public static final String CONDITION_PREFIX = "parent__";

  /** A link whose rows do not depend on the parent's attributes. */
  public LinkModel(String column, String parentTable, Kind kind, int cap, double[] weights, List<String> realKeys,
      double nullRate, boolean distinctPerParent) {
    this(column, parentTable, kind, cap, weights, realKeys, nullRate, distinctPerParent, List.of());
  }

  /** The model column carrying parent attribute {@code parentColumn}. */
  public static String conditionColumn(String parentColumn) {
    return CONDITION_PREFIX + parentColumn;
  }

  /** How a foreign-key column is served. */
  public enum Kind {
    /** The link that lays the table out parent by parent with a DP cardinality histogram. */
    DRIVING,
    /** Another link: each row draws a parent key (DP-weighted over real keys, uniform over synthetic keys). */
    CHOICE,
    /** A link to the table's own key (employee to manager): an earlier row's key, or NULL. */
    SELF
  }

  /** Validates the parts each kind needs. */
  public LinkModel {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(parentTable, "parentTable");
    Objects.requireNonNull(kind, "kind");
    weights = weights == null ? new double[0] : weights.clone();
    realKeys = realKeys == null ? null : List.copyOf(realKeys);
    conditionOn = conditionOn == null ? List.of() : List.copyOf(conditionOn);
    if (!conditionOn.isEmpty() && kind != Kind.DRIVING) {
      throw new IllegalArgumentException("link " + column + ": only the driving link conditions on its parent");
    }
    if (cap <= 0) {
      throw new IllegalArgumentException("link " + column + ": cap " + cap + " (expected: > 0)");
    }
    if (!(nullRate >= 0 && nullRate <= 1)) {
      throw new IllegalArgumentException("link " + column + ": null rate " + nullRate + " (expected: 0..1)");
    }
    if (kind == Kind.DRIVING && weights.length != cap + 1) {
      throw new IllegalArgumentException("link " + column + ": " + weights.length + " cardinality weights (expected: "
          + (cap + 1) + ")");
    }
    if (realKeys != null && realKeys.isEmpty()) {
      throw new IllegalArgumentException("link " + column + ": real parent " + parentTable + " has no keys"
          + " (expected: at least one row in a referenced real table)");
    }
    if (kind == Kind.CHOICE && realKeys != null && weights.length != realKeys.size()) {
      throw new IllegalArgumentException("link " + column + ": " + weights.length + " key weights for "
          + realKeys.size() + " keys");
    }
  }

  /** Whether the parent is a real table, whose keys are listed. */
  public boolean realParent() {
    return realKeys != null;
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinkModel l && column.equals(l.column) && parentTable.equals(l.parentTable)
        && kind == l.kind && cap == l.cap && Arrays.equals(weights, l.weights) && Objects.equals(realKeys, l.realKeys)
        && nullRate == l.nullRate && distinctPerParent == l.distinctPerParent && conditionOn.equals(l.conditionOn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(column, parentTable, kind, cap, Arrays.hashCode(weights), realKeys, nullRate,
        distinctPerParent, conditionOn);
  }
}
