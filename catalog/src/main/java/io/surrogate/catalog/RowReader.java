package io.surrogate.catalog;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the modelled columns of a source table into synth-core rows. Key and PII columns are never
 * selected. Errors raised while converting values are rewritten without the driver's message, which
 * may quote the offending value.
 */
final class RowReader {
  /** Rows per round trip; large enough to stream fast, small enough to bound memory per fetch. */
  static final int FETCH_SIZE = 1_000;
  /** Most distinct values per column whose object is shared between the rows that hold it. */
  static final int SHARED_VALUES = 10_000;

  private RowReader() {
  }

  /** The SELECT of the modelled columns, or of a constant when none is modelled (the row count still matters). */
  static String selectSql(Connection c, SourceTable table, TableSpec spec) throws SQLException {
    String quote = c.getMetaData().getIdentifierQuoteString();
    quote = quote == null || quote.isBlank() ? "" : quote.trim();
    List<String> cols = new ArrayList<>();
    for (ColumnSpec col : spec.columns()) {
      if (col.isModelled()) {
        cols.add(SourceTable.quote(col.name(), quote));
      }
    }
    String select = cols.isEmpty() ? "1" : String.join(", ", cols);
    return "SELECT " + select + " FROM " + table.qualified(c.getMetaData());
  }

  /**
   * Reads the rows {@code filter} keeps, converting only those; {@code c} must be in auto-commit off mode for
   * drivers that stream only then. Equal values share one immutable object (up to
   * {@link #SHARED_VALUES} distinct ones per column: categories, small integers, dates), since one object per value
   * is most of a large table's memory.
   */
  static List<Object[]> read(Connection c, SourceTable table, TableSpec spec, TrainingSample.RowFilter filter)
      throws SQLException {
    int[] targets = modelledIndexes(spec);
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(selectSql(c, table, spec), ResultSet.TYPE_FORWARD_ONLY,
        ResultSet.CONCUR_READ_ONLY)) {
      ps.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        int[] jdbcTypes = new int[targets.length];
        List<Map<Object, Object>> seen = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
          jdbcTypes[i] = md.getColumnType(i + 1);
          seen.add(new HashMap<>());
        }
        while (next(rs, spec)) {
          if (!filter.keep()) {
            continue;
          }
          Object[] row = new Object[spec.width()];
          for (int i = 0; i < targets.length; i++) {
            ColumnSpec col = spec.column(targets[i]);
            row[targets[i]] = shared(value(rs, i + 1, col, jdbcTypes[i], spec.name()), seen.get(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static Object shared(Object value, Map<Object, Object> seen) {
    if (value == null) {
      return null;
    }
    Object known = seen.get(value);
    if (known != null) {
      return known;
    }
    if (seen.size() < SHARED_VALUES) {
      seen.put(value, value);
    }
    return value;
  }


  private static boolean next(ResultSet rs, TableSpec spec) throws SQLException {
    try {
      return rs.next();
    } catch (SQLException e) {
      throw sanitized(e, "table " + spec.name() + ": reading rows failed");
    }
  }

  private static int[] modelledIndexes(TableSpec spec) {
    return spec.columns().stream().filter(ColumnSpec::isModelled).mapToInt(c -> spec.indexOf(c.name())).toArray();
  }

  private static Object value(ResultSet rs, int i, ColumnSpec col, int jdbcType, String table) throws SQLException {
    try {
      return convert(rs, i, col, jdbcType);
    } catch (SQLException | RuntimeException e) {
      throw sanitized(e, "table " + table + " column " + col.name() + ": cannot read a value as " + col.kind());
    }
  }

  static Object convert(ResultSet rs, int i, ColumnSpec col, int jdbcType) throws SQLException {
    ColumnKind kind = col.kind();
    switch (kind) {
      case INTEGER: {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
      }
      case DECIMAL: {
        BigDecimal v = rs.getBigDecimal(i);
        return v == null ? null : v.setScale(col.scale(), RoundingMode.HALF_UP);
      }
      case FLOAT: {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
      }
      case BOOLEAN: {
        boolean v = rs.getBoolean(i);
        return rs.wasNull() ? null : v;
      }
      case CATEGORICAL:
        return rs.getString(i);
      case DATE:
        return date(rs, i);
      case TIMESTAMP:
        return timestamp(rs, i, jdbcType);
      default:
        throw new IllegalStateException("unhandled kind " + kind);
    }
  }

  private static LocalDate date(ResultSet rs, int i) throws SQLException {
    try {
      return rs.getObject(i, LocalDate.class);
    } catch (SQLException e) {
      Date d = rs.getDate(i);
      return d == null ? null : d.toLocalDate();
    }
  }

  private static LocalDateTime timestamp(ResultSet rs, int i, int jdbcType) throws SQLException {
    if (jdbcType == Types.TIMESTAMP_WITH_TIMEZONE) {
      OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
      return v == null ? null : v.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    try {
      return rs.getObject(i, LocalDateTime.class);
    } catch (SQLException e) {
      Timestamp t = rs.getTimestamp(i);
      return t == null ? null : t.toLocalDateTime();
    }
  }

  /** Keeps the SQLSTATE, drops the message (drivers quote bad values in it). */
  static SQLException sanitized(Exception e, String what) {
    String state = e instanceof SQLException && ((SQLException) e).getSQLState() != null
        ? ((SQLException) e).getSQLState() : SqlState.INTERNAL_ERROR.code();
    return SqlState.exception(state, what + " (SQLSTATE " + state
        + "; the driver's message is withheld because it may quote a value)", null);
  }
}
