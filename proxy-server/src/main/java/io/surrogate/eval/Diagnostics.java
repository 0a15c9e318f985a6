package io.surrogate.eval;

import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validity checks of synthetic rows: values inside declared bounds and domains, keys unique and non-null,
 * and NULL rates real vs synthetic.
 *
 * @param columns one line per column
 */
public record Diagnostics(List<ColumnCheck> columns) {

  /**
   * One column's checks.
   *
   * @param column column name
   * @param inBoundsShare share of non-null synthetic values inside declared bounds/domain (1.0 when none declared)
   * @param keyValid for KEY columns: synthetic keys unique and non-null; true for other columns
   * @param realNullRate NULL share in the real rows
   * @param syntheticNullRate NULL share in the synthetic rows
   */
  public record ColumnCheck(String column, double inBoundsShare, boolean keyValid, double realNullRate,
      double syntheticNullRate) {}

  public Diagnostics {
    columns = List.copyOf(columns);
  }

  /** Checks {@code synthetic} against the spec and the real NULL rates. */
  public static Diagnostics compute(TableData real, TableData synthetic) {
    TableSpec spec = synthetic.spec();
    List<ColumnCheck> out = new ArrayList<>();
    for (int c = 0; c < spec.width(); c++) {
      ColumnSpec col = spec.column(c);
      Object[] syn = synthetic.column(c);
      int inside = 0;
      int nonNull = 0;
      Set<Object> seen = new HashSet<>();
      boolean keyValid = true;
      for (Object v : syn) {
        if (col.role() == ColumnRole.KEY) {
          keyValid &= v != null && seen.add(v);
        }
        if (v == null) {
          continue;
        }
        nonNull++;
        inside += inside(col, v) ? 1 : 0;
      }
      out.add(new ColumnCheck(col.name(), nonNull == 0 ? 1.0 : (double) inside / nonNull, keyValid,
          nullRate(real.column(c)), nullRate(syn)));
    }
    return new Diagnostics(out);
  }

  static boolean inside(ColumnSpec col, Object v) {
    if (col.hasBounds() && Distances.isNumeric(col.kind())) {
      double d = Distances.toDouble(v);
      return d >= col.lower() && d <= col.upper();
    }
    if (col.hasDomain()) {
      return col.domain().contains(String.valueOf(v));
    }
    return true;
  }

  static double nullRate(Object[] values) {
    if (values.length == 0) {
      return 0;
    }
    int n = 0;
    for (Object v : values) {
      n += v == null ? 1 : 0;
    }
    return (double) n / values.length;
  }

  /** Whether every key column is valid and every value lies inside its declared bounds/domain. */
  public boolean allValid() {
    return columns.stream().allMatch(c -> c.keyValid() && c.inBoundsShare() == 1.0);
  }
}
