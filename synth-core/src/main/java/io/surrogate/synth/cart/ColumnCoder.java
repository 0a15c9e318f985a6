package io.surrogate.synth.cart;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Maps one column's values to small integer codes and back: categories by their public or released
 * domain, numbers by bins over public or released bounds.
 *
 * <p>Codes are {@code 0..values-1} for categories or bins, then one code for NULL when the column is
 * nullable, then one "other" code for values the model does not know (a category outside the domain, a
 * NULL in a NOT NULL column, a NaN). "Other" is counted like any code while fitting but never sampled,
 * so a synthetic value is always inside the domain. Decoding a bin draws uniformly within it, so no
 * real value is ever copied.
 */
final class ColumnCoder {
  private final ColumnKind kind;
  private final boolean nullable;
  private final int scale;
  private final String[] categories;
  private final double lo;
  private final double hi;
  private final int bins;
  private final boolean unitBins;
  private final Map<String, Integer> index;
  private final BigDecimal decimalLo;
  private final BigDecimal decimalHi;

  private ColumnCoder(ColumnKind kind, boolean nullable, int scale, String[] categories, double lo, double hi,
      int bins) {
    this.kind = kind;
    this.nullable = nullable;
    this.scale = scale;
    this.categories = categories;
    boolean whole = kind == ColumnKind.INTEGER || kind == ColumnKind.DATE || kind == ColumnKind.TIMESTAMP;
    if (categories == null && whole) {
      // Whole-number kinds can only take whole values, so bounds shrink to whole numbers inside them.
      double wlo = Math.ceil(lo);
      double whi = Math.floor(hi);
      lo = wlo <= whi ? wlo : Math.rint((lo + hi) / 2);
      hi = wlo <= whi ? whi : lo;
    }
    this.lo = lo;
    this.hi = hi;
    this.unitBins = categories == null && whole && hi - lo + 1 <= bins;
    this.bins = categories != null ? 0 : unitBins ? (int) (hi - lo + 1) : (hi > lo ? bins : 1);
    this.index = new HashMap<>();
    if (categories != null) {
      for (int i = 0; i < categories.length; i++) {
        index.putIfAbsent(categories[i], i);
      }
    }
    this.decimalLo = kind == ColumnKind.DECIMAL
        ? new BigDecimal(Double.toString(lo)).setScale(scale, RoundingMode.CEILING) : null;
    this.decimalHi = kind == ColumnKind.DECIMAL
        ? new BigDecimal(Double.toString(hi)).setScale(scale, RoundingMode.FLOOR).max(decimalLo) : null;
  }

  /** A coder over categories, in the order given (which is public and orders the splits). */
  static ColumnCoder categorical(ColumnSpec spec, List<String> domain) {
    return new ColumnCoder(spec.kind(), spec.nullable(), spec.scale(), domain.toArray(new String[0]), 0, 0, 0);
  }

  /** A coder over {@code bins} equal bins of [lo, hi], or one bin per whole value when they are fewer. */
  static ColumnCoder numeric(ColumnSpec spec, double lo, double hi, int bins) {
    return new ColumnCoder(spec.kind(), spec.nullable(), spec.scale(), null, lo, hi, bins);
  }

  /** Whether codes are categories in public domain order rather than numeric bins. */
  boolean isCategorical() {
    return categories != null;
  }

  /** Number of category or bin codes, NULL and "other" excluded. */
  int valueCodes() {
    return categories != null ? categories.length : bins;
  }

  /** All codes: values, NULL when nullable, and "other". */
  int cardinality() {
    return valueCodes() + (nullable ? 1 : 0) + 1;
  }

  /** Whether sampling may produce this code. */
  boolean isSampleable(int code) {
    return code < valueCodes() + (nullable ? 1 : 0);
  }

  int nullCode() {
    return nullable ? valueCodes() : otherCode();
  }

  int otherCode() {
    return cardinality() - 1;
  }

  double lower() {
    return lo;
  }

  double upper() {
    return hi;
  }

  List<String> categories() {
    return categories == null ? null : List.of(categories);
  }

  /** The code of a value of this column's kind. */
  int encode(Object value) {
    if (value == null) {
      return nullCode();
    }
    if (categories != null) {
      Integer i = index.get(kind == ColumnKind.BOOLEAN ? value.toString() : (String) value);
      return i == null ? otherCode() : i;
    }
    double x = toDouble(value);
    if (Double.isNaN(x)) {
      return otherCode();
    }
    if (unitBins) {
      return (int) Math.max(0, Math.min(bins - 1, Math.rint(x) - lo));
    }
    int b = hi > lo ? (int) Math.floor((x - lo) / (hi - lo) * bins) : 0;
    return Math.max(0, Math.min(bins - 1, b));
  }

  /** A value for a sampleable code; bins draw uniformly inside the bin from {@code random}. */
  Object decode(int code, RandomGenerator random) {
    if (code >= valueCodes()) {
      return null;
    }
    if (categories != null) {
      return kind == ColumnKind.BOOLEAN ? Boolean.valueOf(categories[code]) : categories[code];
    }
    if (unitBins) {
      return fromWhole((long) lo + code);
    }
    double x = lo + (code + random.nextDouble()) * (hi - lo) / bins;
    x = Math.max(lo, Math.min(hi, x));
    switch (kind) {
      case FLOAT:
        return x;
      case DECIMAL:
        BigDecimal d = BigDecimal.valueOf(x).setScale(scale, RoundingMode.HALF_UP);
        return d.max(decimalLo).min(decimalHi);
      default:
        return fromWhole((long) Math.max(lo, Math.min(hi, Math.rint(x))));
    }
  }

  private Object fromWhole(long v) {
    switch (kind) {
      case DATE:
        return LocalDate.ofEpochDay(v);
      case TIMESTAMP:
        return LocalDateTime.ofEpochSecond(v, 0, ZoneOffset.UTC);
      case DECIMAL:
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.UNNECESSARY);
      case FLOAT:
        return (double) v;
      default:
        return v;
    }
  }

  /** A numeric value as a double: dates as epoch days, timestamps as epoch seconds (UTC). */
  static double toDouble(Object value) {
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Double d) {
      return d;
    }
    if (value instanceof BigDecimal b) {
      return b.doubleValue();
    }
    if (value instanceof LocalDate d) {
      return d.toEpochDay();
    }
    if (value instanceof LocalDateTime t) {
      return t.toEpochSecond(ZoneOffset.UTC);
    }
    throw new IllegalArgumentException("value " + value.getClass().getSimpleName() + " (expected: a number)");
  }

  void write(DataOutputStream out) throws IOException {
    out.writeBoolean(categories != null);
    if (categories != null) {
      out.writeInt(categories.length);
      for (String c : categories) {
        out.writeUTF(c);
      }
    } else {
      out.writeDouble(lo);
      out.writeDouble(hi);
      out.writeInt(unitBins ? Integer.MAX_VALUE : bins);
    }
  }

  static ColumnCoder read(ColumnSpec spec, DataInputStream in) throws IOException {
    if (in.readBoolean()) {
      String[] cats = new String[in.readInt()];
      for (int i = 0; i < cats.length; i++) {
        cats[i] = in.readUTF();
      }
      return categorical(spec, Arrays.asList(cats));
    }
    double lo = in.readDouble();
    double hi = in.readDouble();
    return numeric(spec, lo, hi, in.readInt());
  }
}
