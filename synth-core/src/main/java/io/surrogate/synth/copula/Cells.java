package io.surrogate.synth.copula;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bins of one column's histogram, built from public facts or released bounds and domains only:
 * an optional NULL cell first, then either one point cell per category or whole number, or equal-width
 * range cells. Numbers are handled in "units" (the column's smallest step: 1 for integers, days and
 * seconds, 10^-scale for decimals), so a range cell's draw is rounded to a legal value and clamped to
 * the bounds.
 */
final class Cells {
  static final byte NULL = 0;
  static final byte POINT = 1;
  static final byte RANGE = 2;

  final ColumnSpec spec;
  final byte[] type;
  final Object[] point;
  final double[] lo;
  final double[] hi;
  /** Lowest and highest value a draw may take, in units. */
  final double minOut;
  final double maxOut;
  private final double unitsPer;
  private final boolean discrete;
  private final Map<Object, Integer> pointIndex = new HashMap<>();

  Cells(ColumnSpec spec, byte[] type, Object[] point, double[] lo, double[] hi, double minOut, double maxOut) {
    this.spec = spec;
    this.type = type;
    this.point = point;
    this.lo = lo;
    this.hi = hi;
    this.minOut = minOut;
    this.maxOut = maxOut;
    this.unitsPer = unitsPer(spec);
    this.discrete = spec.kind() != ColumnKind.FLOAT;
    for (int i = 0; i < type.length; i++) {
      if (type[i] == POINT) {
        pointIndex.put(key(point[i]), i);
      }
    }
  }

  /** One point cell per category, in the given order. */
  static Cells categorical(ColumnSpec spec, List<?> categories) {
    int offset = spec.nullable() ? 1 : 0;
    int n = categories.size() + offset;
    byte[] type = new byte[n];
    Object[] point = new Object[n];
    for (int i = 0; i < categories.size(); i++) {
      type[i + offset] = POINT;
      point[i + offset] = categories.get(i);
    }
    return new Cells(spec, type, point, new double[n], new double[n], 0, 0);
  }

  /**
   * Cells for a numeric column within [lower, upper] (natural units: epoch days, epoch seconds): one
   * point per whole unit when there are at most {@code bins} of them, else {@code bins} equal ranges.
   *
   * @throws IllegalArgumentException when the bounds hold no legal value of the column
   */
  static Cells numeric(ColumnSpec spec, double lower, double upper, int bins) {
    double per = unitsPer(spec);
    boolean isDiscrete = spec.kind() != ColumnKind.FLOAT;
    double min = isDiscrete ? Math.ceil(lower * per - 1e-9) : lower;
    double max = isDiscrete ? Math.floor(upper * per + 1e-9) : upper;
    if (min > max) {
      throw new IllegalArgumentException("column " + spec.name() + ": bounds [" + lower + ", " + upper
          + "] hold no " + spec.kind() + " value (expected: at least one whole step of the column inside)");
    }
    int offset = spec.nullable() ? 1 : 0;
    boolean points = isDiscrete ? max - min + 1 <= bins : min == max;
    int cells = points ? (int) (max - min + 1) : bins;
    byte[] type = new byte[cells + offset];
    Object[] point = new Object[cells + offset];
    double[] lo = new double[cells + offset];
    double[] hi = new double[cells + offset];
    double a = isDiscrete ? min - 0.5 : min;
    double width = ((isDiscrete ? max + 0.5 : max) - a) / cells;
    for (int i = 0; i < cells; i++) {
      int c = i + offset;
      if (points) {
        type[c] = POINT;
        point[c] = fromUnits(spec, min + i);
      } else {
        type[c] = RANGE;
        lo[c] = a + i * width;
        hi[c] = i == cells - 1 ? (isDiscrete ? max + 0.5 : max) : a + (i + 1) * width;
      }
    }
    return new Cells(spec, type, point, lo, hi, min, max);
  }

  int size() {
    return type.length;
  }

  /** The cell holding {@code value}, or -1 when none does (a category outside the released domain). */
  int cellOf(Object value) {
    if (value == null) {
      return type.length > 0 && type[0] == NULL ? 0 : -1;
    }
    if (!spec.kind().isNumeric() || !pointIndex.isEmpty()) {
      Object k = key(value);
      if (k instanceof Double) {
        double x = (Double) k;
        k = clampUnits(discrete ? Math.rint(x) : x);
      }
      Integer i = pointIndex.get(k);
      return i == null ? -1 : i;
    }
    double x = clampUnits(units(value));
    int first = type[0] == NULL ? 1 : 0;
    int l = first;
    int h = type.length - 1;
    while (l < h) {
      int mid = (l + h + 1) >>> 1;
      if (lo[mid] <= x) {
        l = mid;
      } else {
        h = mid - 1;
      }
    }
    return l;
  }

  /** Where in its range cell {@code value} lies, in [0, 1]; 0.5 for other cells. */
  double position(Object value, int cell) {
    if (type[cell] != RANGE) {
      return 0.5;
    }
    double x = clampUnits(units(value));
    double w = hi[cell] - lo[cell];
    return w > 0 ? Math.max(0, Math.min(1, (x - lo[cell]) / w)) : 0.5;
  }

  /** The value of a draw at fraction {@code w} of cell {@code cell}. */
  Object valueAt(int cell, double w) {
    switch (type[cell]) {
      case NULL:
        return null;
      case POINT:
        return point[cell];
      default:
        double x = lo[cell] + w * (hi[cell] - lo[cell]);
        return fromUnits(spec, clampUnits(discrete ? Math.rint(x) : x));
    }
  }

  private double clampUnits(double x) {
    return Math.max(minOut, Math.min(maxOut, x));
  }

  /** A data value in units (numeric kinds), or the value itself. */
  private Object key(Object value) {
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    return units(value);
  }

  /** A numeric value in units, as a double. */
  double units(Object value) {
    return units(spec, value);
  }

  /** A numeric value of the column in units, as a double. */
  static double units(ColumnSpec spec, Object value) {
    double natural;
    if (value instanceof Long) {
      natural = (Long) value;
    } else if (value instanceof Double) {
      natural = (Double) value;
    } else if (value instanceof BigDecimal) {
      return ((BigDecimal) value).movePointRight(spec.scale()).doubleValue();
    } else if (value instanceof LocalDate) {
      natural = ((LocalDate) value).toEpochDay();
    } else if (value instanceof LocalDateTime) {
      LocalDateTime t = (LocalDateTime) value;
      natural = t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9;
    } else {
      throw new IllegalArgumentException("column " + spec.name() + ": " + value.getClass().getSimpleName()
          + " value (expected: " + spec.kind().javaType().getSimpleName() + ")");
    }
    return natural * unitsPer(spec);
  }

  /** The column's value for a number of units (already whole for discrete kinds). */
  static Object fromUnits(ColumnSpec spec, double units) {
    switch (spec.kind()) {
      case INTEGER:
        return (long) units;
      case DECIMAL:
        return BigDecimal.valueOf((long) units, spec.scale());
      case DATE:
        return LocalDate.ofEpochDay((long) units);
      case TIMESTAMP:
        return LocalDateTime.ofEpochSecond((long) units, 0, ZoneOffset.UTC);
      case FLOAT:
        return units;
      default:
        throw new IllegalStateException("column " + spec.name() + ": " + spec.kind() + " is not numeric");
    }
  }

  static double unitsPer(ColumnSpec spec) {
    return spec.kind() == ColumnKind.DECIMAL ? Math.pow(10, spec.scale()) : 1;
  }
}
