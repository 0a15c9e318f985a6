package io.surrogate.driver.twin;

import io.surrogate.driver.internal.TwinRows;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;

/**
 * Writes synth-core values (Long, BigDecimal, Double, String, Boolean, LocalDate, LocalDateTime) as the text of a
 * {@code COPY ... FROM STDIN} row for one twin column, with the same rounding the Calcite engine's row converter
 * applies (integers half-even, {@code numeric(p,s)} to scale s).
 */
final class CopyText {
  /** How one column's values are written. */
  enum Kind { INTEGER, NUMERIC, FLOAT, BOOLEAN, DATE, TIMESTAMP, TIME, TEXT }

  private CopyText() {
  }

  /** The kind of a column from its base type's name ({@code pg_type.typname}). */
  static Kind kind(String typname) {
    return switch (typname.toLowerCase(Locale.ROOT)) {
      case "int2", "int4", "int8" -> Kind.INTEGER;
      case "numeric" -> Kind.NUMERIC;
      case "float4", "float8" -> Kind.FLOAT;
      case "bool" -> Kind.BOOLEAN;
      case "date" -> Kind.DATE;
      case "timestamp", "timestamptz" -> Kind.TIMESTAMP;
      case "time" -> Kind.TIME;
      default -> Kind.TEXT;
    };
  }

  /** Appends {@code v} (null for NULL) to {@code out}. */
  static void append(StringBuilder out, Object v, Kind kind, int scale) {
    if (v == null) {
      out.append("\\N");
      return;
    }
    switch (kind) {
      case INTEGER -> out.append(TwinRows.wholeNumber(v));
      case NUMERIC -> out.append(TwinRows.decimal(v, scale).toPlainString());
      case FLOAT -> out.append(((Number) v).doubleValue());
      case BOOLEAN -> out.append(v instanceof Boolean b ? (b ? 't' : 'f') : (Boolean.parseBoolean(v.toString()) ? 't' : 'f'));
      case DATE -> out.append(v instanceof LocalDate d ? d : LocalDate.ofEpochDay(TwinRows.wholeNumber(v)));
      case TIMESTAMP -> out.append(v instanceof LocalDateTime t ? t.toString().replace('T', ' ') : escaped(v.toString()));
      case TIME -> out.append(v instanceof LocalDateTime t ? t.toLocalTime() : v instanceof LocalTime t ? t : v);
      default -> escape(out, v instanceof LocalDateTime t ? t.toString().replace('T', ' ') : v.toString());
    }
  }

  private static String escaped(String s) {
    StringBuilder b = new StringBuilder(s.length());
    escape(b, s);
    return b.toString();
  }

  /** COPY text escaping: backslash, tab, newline and carriage return. */
  static void escape(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
  }
}
