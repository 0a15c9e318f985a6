package io.surrogate.eval;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SDMetrics-style row distance: per value column |a−b|/range for numbers and 0/1 for categories, averaged.
 *
 * <p>Ranges come from the real rows passed in; keys and PII columns are ignored because the sampler fills
 * them independently of the data.
 */
public final class Distances {

  private final int[] columns;
  private final boolean[] numeric;
  private final double[] range;

  private Distances(int[] columns, boolean[] numeric, double[] range) {
    this.columns = columns;
    this.numeric = numeric;
    this.range = range;
  }

  /** Builds the distance over the value columns of {@code real}, with numeric ranges taken from it. */
  public static Distances over(TableData real) {
    TableSpec spec = real.spec();
    List<Integer> cols = new ArrayList<>();
    for (int c = 0; c < spec.width(); c++) {
      if (spec.column(c).role() == ColumnRole.VALUE) {
        cols.add(c);
      }
    }
    if (cols.isEmpty()) {
      throw new IllegalArgumentException("table " + spec.name() + ": no value columns to measure distance on");
    }
    int[] idx = cols.stream().mapToInt(Integer::intValue).toArray();
    boolean[] num = new boolean[idx.length];
    double[] rng = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      num[i] = isNumeric(spec.column(idx[i]).kind());
      if (num[i]) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Object v : real.column(idx[i])) {
          if (v != null) {
            double d = toDouble(v);
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
          }
        }
        rng[i] = hi > lo ? hi - lo : 1.0;
      }
    }
    return new Distances(idx, num, rng);
  }

  static boolean isNumeric(ColumnKind kind) {
    return switch (kind) {
      case INTEGER, DECIMAL, FLOAT, DATE, TIMESTAMP -> true;
      default -> false;
    };
  }

  static double toDouble(Object v) {
    if (v instanceof Long l) {
      return l;
    } else if (v instanceof BigDecimal b) {
      return b.doubleValue();
    } else if (v instanceof Number n) {
      return n.doubleValue();
    } else if (v instanceof LocalDate d) {
      return d.toEpochDay();
    } else if (v instanceof LocalDateTime t) {
      return t.toEpochSecond(ZoneOffset.UTC);
    }
    throw new IllegalArgumentException("value " + v + " (expected: a number, date or timestamp)");
  }

  /** The normalised distance of two rows in [0, 1]. */
  public double distance(Object[] a, Object[] b) {
    double sum = 0;
    for (int i = 0; i < columns.length; i++) {
      Object x = a[columns[i]];
      Object y = b[columns[i]];
      if (x == null || y == null) {
        sum += x == y ? 0 : 1;
      } else if (numeric[i]) {
        sum += Math.min(1.0, Math.abs(toDouble(x) - toDouble(y)) / range[i]);
      } else {
        sum += Objects.equals(x, y) ? 0 : 1;
      }
    }
    return sum / columns.length;
  }

  /** Distance to closest record: the minimum distance of {@code row} to any row of {@code set}. */
  public double dcr(Object[] row, List<Object[]> set) {
    double best = Double.POSITIVE_INFINITY;
    for (Object[] other : set) {
      best = Math.min(best, distance(row, other));
      if (best == 0) {
        break;
      }
    }
    return best;
  }
}
