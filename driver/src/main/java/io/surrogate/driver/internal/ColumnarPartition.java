package io.surrogate.driver.internal;

import java.math.BigDecimal;

/**
 * One synthesized partition stored column by column in primitive arrays (Calcite's internal values,
 * unboxed), with a null mask per column that has nulls. A cached partition is then a few dense arrays
 * instead of a million small objects, which keeps full scans fast and the cache weigher exact; rows are
 * boxed again only as the scan reads them.
 */
final class ColumnarPartition {
  /** Storage of one column. */
  enum Store { LONG, INT, SHORT, BYTE, DOUBLE, FLOAT, BOOLEAN, OBJECT }

  private final int rows;
  private final Store[] stores;
  private final Object[] columns;
  private final boolean[][] nulls;

  ColumnarPartition(int rows, Store[] stores, Object[] columns, boolean[][] nulls) {
    this.rows = rows;
    this.stores = stores;
    this.columns = columns;
    this.nulls = nulls;
  }

  /** Allocates the arrays of a partition of {@code rows} rows. */
  static ColumnarPartition allocate(int rows, Store[] stores) {
    Object[] columns = new Object[stores.length];
    for (int c = 0; c < stores.length; c++) {
      columns[c] = switch (stores[c]) {
        case LONG -> new long[rows];
        case INT -> new int[rows];
        case SHORT -> new short[rows];
        case BYTE -> new byte[rows];
        case DOUBLE -> new double[rows];
        case FLOAT -> new float[rows];
        case BOOLEAN -> new boolean[rows];
        case OBJECT -> new Object[rows];
      };
    }
    return new ColumnarPartition(rows, stores, columns, new boolean[stores.length][]);
  }

  int rowCount() {
    return rows;
  }

  /** Stores {@code value} (already in the column's internal type, or null) at {@code row}. */
  void set(int column, int row, Object value) {
    if (value == null) {
      if (nulls[column] == null) {
        nulls[column] = new boolean[rows];
      }
      nulls[column][row] = true;
      return;
    }
    Object array = columns[column];
    switch (stores[column]) {
      case LONG -> ((long[]) array)[row] = (Long) value;
      case INT -> ((int[]) array)[row] = (Integer) value;
      case SHORT -> ((short[]) array)[row] = (Short) value;
      case BYTE -> ((byte[]) array)[row] = (Byte) value;
      case DOUBLE -> ((double[]) array)[row] = (Double) value;
      case FLOAT -> ((float[]) array)[row] = (Float) value;
      case BOOLEAN -> ((boolean[]) array)[row] = (Boolean) value;
      case OBJECT -> ((Object[]) array)[row] = value;
      default -> throw new IllegalStateException("store " + stores[column]);
    }
  }

  /** Row {@code row} as a fresh array of boxed internal values. */
  Object[] row(int row) {
    Object[] out = new Object[stores.length];
    for (int c = 0; c < out.length; c++) {
      boolean[] n = nulls[c];
      if (n != null && n[row]) {
        continue;
      }
      Object array = columns[c];
      out[c] = switch (stores[c]) {
        case LONG -> ((long[]) array)[row];
        case INT -> ((int[]) array)[row];
        case SHORT -> ((short[]) array)[row];
        case BYTE -> ((byte[]) array)[row];
        case DOUBLE -> ((double[]) array)[row];
        case FLOAT -> ((float[]) array)[row];
        case BOOLEAN -> ((boolean[]) array)[row];
        case OBJECT -> ((Object[]) array)[row];
      };
    }
    return out;
  }

  /** Heap bytes of the arrays, with strings and decimals estimated (the cache's weigher). */
  long bytes() {
    long total = 64;
    for (int c = 0; c < stores.length; c++) {
      total += 16 + (long) rows * switch (stores[c]) {
        case LONG, DOUBLE -> 8;
        case INT, FLOAT -> 4;
        case SHORT -> 2;
        case BYTE, BOOLEAN -> 1;
        case OBJECT -> 4 + objectBytes((Object[]) columns[c]);
      };
      if (nulls[c] != null) {
        total += 16 + rows;
      }
    }
    return total;
  }

  /** Mean size of the distinct-looking values of an object column, from a few probes. */
  private long objectBytes(Object[] values) {
    int probes = Math.min(values.length, 8);
    long sum = 0;
    for (int i = 0; i < probes; i++) {
      Object v = values[(int) ((long) i * values.length / probes)];
      sum += v == null ? 0 : v instanceof String s ? 40 + s.length() : v instanceof BigDecimal ? 40 : 16;
    }
    return probes == 0 ? 0 : sum / probes;
  }
}
