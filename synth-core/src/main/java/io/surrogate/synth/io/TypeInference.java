package io.surrogate.synth.io;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Guesses column kinds from CSV text, for tests and evaluation runs (never for serving). */
final class TypeInference {
  private static final int MAX_DISTINCT_TRACKED = 10_000;

  private TypeInference() {
  }

  /** Per-column evidence: which kinds every non-empty field so far parses as. */
  private static final class Evidence {
    boolean bool = true;
    boolean integer = true;
    boolean floating = true;
    boolean date = true;
    boolean timestamp = true;
    boolean nullable;
    boolean any;
    final Set<String> distinct = new HashSet<>();

    void add(String field) {
      if (field.isEmpty()) {
        nullable = true;
        return;
      }
      any = true;
      String t = field.trim();
      if (distinct.size() <= MAX_DISTINCT_TRACKED) {
        distinct.add(t);
      }
      String lower = t.toLowerCase(Locale.ROOT);
      bool &= lower.equals("true") || lower.equals("false");
      integer &= t.matches("[-+]?\\d{1,18}");
      floating &= isDouble(t);
      date &= date && isDate(t);
      timestamp &= timestamp && isTimestamp(t);
    }

    ColumnKind kind(int maxCategoricalIntegers) {
      if (!any) {
        return ColumnKind.CATEGORICAL;
      }
      if (bool) {
        return ColumnKind.BOOLEAN;
      }
      if (integer) {
        return distinct.size() <= maxCategoricalIntegers ? ColumnKind.CATEGORICAL : ColumnKind.INTEGER;
      }
      if (floating) {
        return ColumnKind.FLOAT;
      }
      if (date) {
        return ColumnKind.DATE;
      }
      return timestamp ? ColumnKind.TIMESTAMP : ColumnKind.CATEGORICAL;
    }
  }

  static TableSpec infer(CsvParser parser, String tableName, int maxCategoricalIntegers) throws IOException {
    CsvParser.Record header = parser.next();
    if (header == null) {
      throw new IllegalArgumentException(tableName + ": empty file (expected: a header row)");
    }
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < header.fields().size(); i++) {
      evidence.add(new Evidence());
    }
    for (CsvParser.Record r = parser.next(); r != null; r = parser.next()) {
      for (int i = 0; i < Math.min(r.fields().size(), evidence.size()); i++) {
        evidence.get(i).add(r.fields().get(i));
      }
    }
    List<ColumnSpec> columns = new ArrayList<>();
    for (int i = 0; i < evidence.size(); i++) {
      Evidence e = evidence.get(i);
      columns.add(ColumnSpec.of(header.fields().get(i).trim(), e.kind(maxCategoricalIntegers))
          .withNullable(e.nullable));
    }
    return new TableSpec(tableName, columns);
  }

  private static boolean isDouble(String t) {
    try {
      double d = Double.parseDouble(t);
      return !Double.isNaN(d) && !Double.isInfinite(d);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isDate(String t) {
    try {
      LocalDate.parse(t);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isTimestamp(String t) {
    try {
      LocalDateTime.parse(t.replace(' ', 'T'));
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
