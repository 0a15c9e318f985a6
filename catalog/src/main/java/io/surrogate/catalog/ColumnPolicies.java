package io.surrogate.catalog;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.ColumnSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Applies a table's column declarations (PII, bounds, domain) to the columns read from the schema. */
final class ColumnPolicies {
  private static final long SECONDS_PER_DAY = 86_400L;

  private ColumnPolicies() {
  }

  /**
   * @param filled lower-case names of the table's filled columns, whose declarations {@link SchemaReader} has
   *     applied already
   */
  static List<ColumnSpec> apply(String table, List<ColumnSpec> columns, Set<String> filled, TablePolicy policy)
      throws SQLException {
    Set<String> present = new HashSet<>(filled);
    for (ColumnSpec c : columns) {
      present.add(c.name().toLowerCase(Locale.ROOT));
    }
    for (Map.Entry<String, ColumnPolicy> e : policy.columns().entrySet()) {
      if (!present.contains(e.getKey())) {
        throw SqlState.UNDEFINED_COLUMN.create("policy of table " + table + " declares column "
            + e.getValue().name() + ", which the table does not have (expected one of: " + names(columns, filled)
            + ")");
      }
    }
    List<ColumnSpec> out = new ArrayList<>(columns.size());
    for (ColumnSpec c : columns) {
      ColumnPolicy p = policy.column(c.name());
      out.add(p == null || c.role() == ColumnRole.KEY ? c : apply(table, c, p));
    }
    return out;
  }

  private static ColumnSpec apply(String table, ColumnSpec c, ColumnPolicy p) throws SQLException {
    String where = "table " + table + " column " + c.name();
    if (p.pii() != null) {
      if (c.kind() != ColumnKind.CATEGORICAL) {
        throw SqlState.INVALID_PARAMETER_VALUE.create(where + ": pii " + p.pii().policyName() + " on a "
            + c.kind() + " column (expected: a text column)");
      }
      return c.asPii(p.pii());
    }
    if (p.domain() != null) {
      if (c.kind() != ColumnKind.CATEGORICAL) {
        throw SqlState.INVALID_PARAMETER_VALUE.create(where + ": domain on a " + c.kind()
            + " column (expected: a text column; give numbers and dates bounds)");
      }
      return c.withDomain(p.domain());
    }
    if (p.lower() != null) {
      double[] b = bounds(where, c.kind(), p);
      return c.withBounds(b[0], b[1]);
    }
    return c;
  }

  /** Bounds in the column's unit: epoch days for dates, epoch seconds for timestamps. */
  private static double[] bounds(String where, ColumnKind kind, ColumnPolicy p) throws SQLException {
    double lo = p.lower();
    double hi = p.upper();
    BoundsUnit unit = p.boundsUnit();
    switch (kind) {
      case DATE:
        if (unit == BoundsUnit.DATE_TIME) {
          return new double[] {Math.floorDiv((long) lo, SECONDS_PER_DAY), Math.floorDiv((long) hi, SECONDS_PER_DAY)};
        }
        return new double[] {lo, hi};
      case TIMESTAMP:
        if (unit == BoundsUnit.DATE) {
          // an upper date includes its whole day
          return new double[] {lo * SECONDS_PER_DAY, hi * SECONDS_PER_DAY + SECONDS_PER_DAY - 1};
        }
        return new double[] {lo, hi};
      case INTEGER:
      case DECIMAL:
      case FLOAT:
        if (unit != BoundsUnit.NUMBER) {
          throw SqlState.INVALID_PARAMETER_VALUE.create(where + ": date bounds on a " + kind
              + " column (expected: numbers)");
        }
        return new double[] {lo, hi};
      default:
        throw SqlState.INVALID_PARAMETER_VALUE.create(where + ": bounds on a " + kind
            + " column (expected: a number, date or timestamp column; give text columns a domain)");
    }
  }

  private static String names(List<ColumnSpec> columns, Set<String> filled) {
    List<String> n = new ArrayList<>();
    for (ColumnSpec c : columns) {
      n.add(c.name());
    }
    n.addAll(new java.util.TreeSet<>(filled));
    return String.join(", ", n);
  }
}
