package io.surrogate.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rows of a table held in memory for fitting: one {@code Object[]} per row, values typed as
 * {@link ColumnKind#javaType()} or null. Columns that are not modelled hold null.
 */
public final class TableData {
  private final TableSpec spec;
  private final List<Object[]> rows;

  private TableData(TableSpec spec, List<Object[]> rows) {
    this.spec = spec;
    this.rows = rows;
  }

  /** Wraps rows after checking each one's width and value types. */
  public static TableData of(TableSpec spec, List<Object[]> rows) {
    Objects.requireNonNull(spec, "spec");
    List<Object[]> copy = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      if (row.length != spec.width()) {
        throw new IllegalArgumentException(
            "row " + r + ": " + row.length + " values (expected: " + spec.width() + ")");
      }
      for (int c = 0; c < row.length; c++) {
        Object v = row[c];
        Class<?> expected = spec.column(c).kind().javaType();
        if (v != null && !expected.isInstance(v)) {
          throw new IllegalArgumentException("row " + r + ", column " + spec.column(c).name() + ": "
              + v.getClass().getSimpleName() + " (expected: " + expected.getSimpleName() + ")");
        }
      }
      copy.add(row);
    }
    return new TableData(spec, List.copyOf(copy));
  }

  public TableSpec spec() {
    return spec;
  }

  public int rowCount() {
    return rows.size();
  }

  public Object[] row(int index) {
    return rows.get(index);
  }

  public List<Object[]> rows() {
    return rows;
  }

  /** The values of one column, in row order. */
  public Object[] column(int index) {
    Object[] out = new Object[rows.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = rows.get(r)[index];
    }
    return out;
  }
}
