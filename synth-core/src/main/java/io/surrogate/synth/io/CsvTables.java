package io.surrogate.synth.io;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads a CSV file with a header row into {@link TableData} for a given {@link TableSpec}: columns are
 * matched by name ignoring case, extra CSV columns are ignored, an empty field is NULL, and columns that
 * are not modelled (keys, PII) are left null as {@link TableData} requires.
 */
public final class CsvTables {
  private CsvTables() {
  }

  /** Reads a UTF-8 file. */
  public static TableData read(Path file, TableSpec spec) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.getFileName().toString(), spec);
    }
  }

  /**
   * Reads CSV text.
   *
   * @throws IllegalArgumentException naming the line, column and value that does not parse, or a
   *     spec column missing from the header
   */
  public static TableData read(Reader reader, String source, TableSpec spec) throws IOException {
    CsvParser parser = new CsvParser(reader, source);
    CsvParser.Record header = parser.next();
    if (header == null) {
      throw new IllegalArgumentException(source + ": empty file (expected: a header row)");
    }
    int[] position = new int[spec.width()];
    for (int c = 0; c < spec.width(); c++) {
      position[c] = indexOf(header.fields(), spec.column(c).name());
      if (position[c] < 0) {
        throw new IllegalArgumentException(source + ": no column " + spec.column(c).name()
            + " in the header (expected one of: " + String.join(", ", header.fields()) + ")");
      }
    }
    List<Object[]> rows = new ArrayList<>();
    for (CsvParser.Record r = parser.next(); r != null; r = parser.next()) {
      if (r.fields().size() == 1 && r.fields().get(0).isEmpty()) {
        continue;
      }
      if (r.fields().size() != header.fields().size()) {
        throw new IllegalArgumentException(source + " line " + r.line() + ": " + r.fields().size()
            + " fields (expected: " + header.fields().size() + ", as the header)");
      }
      Object[] row = new Object[spec.width()];
      for (int c = 0; c < spec.width(); c++) {
        ColumnSpec col = spec.column(c);
        if (col.isModelled()) {
          row[c] = parse(r.fields().get(position[c]), col, source, r.line());
        }
      }
      rows.add(row);
    }
    return TableData.of(spec, rows);
  }

  /** The value of one field for a column; an empty field is NULL. */
  static Object parse(String text, ColumnSpec col, String source, int line) {
    if (text.isEmpty()) {
      return null;
    }
    String t = text.trim();
    try {
      switch (col.kind()) {
        case INTEGER:
          return Long.parseLong(t);
        case DECIMAL:
          return new BigDecimal(t).setScale(col.scale(), RoundingMode.HALF_UP);
        case FLOAT:
          return Double.parseDouble(t);
        case BOOLEAN:
          return parseBoolean(t);
        case DATE:
          return LocalDate.parse(t);
        case TIMESTAMP:
          return LocalDateTime.parse(t.replace(' ', 'T'));
        default:
          return text;
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(source + " line " + line + ", column " + col.name() + ": '" + text
          + "' (expected: " + col.kind() + ")");
    }
  }

  private static Boolean parseBoolean(String t) {
    switch (t.toLowerCase(Locale.ROOT)) {
      case "true": case "t": case "yes": case "y": case "1":
        return Boolean.TRUE;
      case "false": case "f": case "no": case "n": case "0":
        return Boolean.FALSE;
      default:
        throw new NumberFormatException(t);
    }
  }

  private static int indexOf(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Guesses a spec from a file: per column the narrowest of BOOLEAN (true/false), INTEGER, FLOAT, DATE,
   * TIMESTAMP that every non-empty field parses as, else CATEGORICAL; nullable when any field is empty.
   * Integer columns with at most {@code maxCategoricalIntegers} distinct values become CATEGORICAL, as
   * SDV's metadata detection does for small codes (0 to disable).
   */
  public static TableSpec inferSpec(Path file, String tableName, int maxCategoricalIntegers) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return TypeInference.infer(new CsvParser(in, file.getFileName().toString()), tableName, maxCategoricalIntegers);
    }
  }
}
