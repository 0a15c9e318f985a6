package io.surrogate.catalog;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Public bounds from a PostgreSQL table's range partitions: a row outside every partition cannot be stored, so the
 * span of the partitions' bounds is schema, not data, and becomes the bounds of the partition key where the policy
 * gives none (pagila's {@code payment} has partitions for January to July 2022 only). A table with a DEFAULT
 * partition, MINVALUE or MAXVALUE, or more than one key column gets none.
 */
final class PartitionBounds {
  private static final String BOUNDS = """
      SELECT a.attname, pg_catalog.pg_get_expr(c.relpartbound, c.oid)
      FROM pg_catalog.pg_partitioned_table pt
      JOIN pg_catalog.pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]
      JOIN pg_catalog.pg_inherits i ON i.inhparent = pt.partrelid
      JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
      WHERE pt.partrelid = CAST(? AS regclass) AND pt.partstrat = 'r' AND pt.partnatts = 1""";
  private static final Pattern RANGE = Pattern.compile("FOR VALUES FROM \\((.+)\\) TO \\((.+)\\)");
  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .optionalEnd().optionalStart().appendOffset("+HH:mm", "+00").optionalEnd().toFormatter(Locale.ROOT);

  private PartitionBounds() {
  }

  /** {@code columns} with the partition key bounded by the partitions' span where it has no bounds yet. */
  static List<ColumnSpec> apply(Connection c, SourceTable table, List<ColumnSpec> columns) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String product = meta.getDatabaseProductName();
    if (product == null || !product.toLowerCase(Locale.ROOT).contains("postgres")) {
      return columns;
    }
    String key = null;
    List<String[]> ranges = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(BOUNDS)) {
      ps.setString(1, table.qualified(meta));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          key = rs.getString(1);
          Matcher m = RANGE.matcher(rs.getString(2));
          if (!m.matches()) {
            return columns; // DEFAULT takes every row
          }
          ranges.add(new String[] {m.group(1), m.group(2)});
        }
      }
    }
    if (key == null) {
      return columns;
    }
    List<ColumnSpec> out = new ArrayList<>(columns.size());
    for (ColumnSpec col : columns) {
      double[] span = col.name().equals(key) && col.isModelled() && !col.hasBounds() ? span(col.kind(), ranges) : null;
      out.add(span == null ? col : col.withBounds(span[0], span[1]));
    }
    return out;
  }

  /** [lowest FROM, highest TO less one unit] in the column's unit, or null when a bound is not a value. */
  private static double[] span(ColumnKind kind, List<String[]> ranges) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (String[] r : ranges) {
      Double from = value(kind, r[0]);
      Double to = value(kind, r[1]);
      if (from == null || to == null) {
        return null;
      }
      lo = Math.min(lo, from);
      hi = Math.max(hi, to - 1); // TO is exclusive; one day, second or unit below it is the last value stored
    }
    return lo <= hi ? new double[] {lo, hi} : null;
  }

  /** A bound literal as the column's number (epoch days, epoch seconds), or null for MINVALUE, MAXVALUE and others. */
  private static Double value(ColumnKind kind, String literal) {
    String text = literal.strip();
    if (text.startsWith("'") && text.endsWith("'") && text.length() >= 2) {
      text = text.substring(1, text.length() - 1);
    }
    try {
      return switch (kind) {
        case INTEGER -> (double) Long.parseLong(text);
        case DATE -> (double) LocalDate.parse(text).toEpochDay();
        case TIMESTAMP -> {
          var parsed = TIMESTAMP.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
          long seconds = parsed instanceof OffsetDateTime o ? o.toEpochSecond()
              : ((LocalDateTime) parsed).toEpochSecond(ZoneOffset.UTC);
          yield (double) seconds;
        }
        default -> null;
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }
}
