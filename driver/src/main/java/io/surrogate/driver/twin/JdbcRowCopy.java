package io.surrogate.driver.twin;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Copies a public table of a non-PostgreSQL source into the twin: each value read over JDBC as the twin column's
 * type asks and written as COPY text, flushed every megabyte.
 */
final class JdbcRowCopy {
  private static final int FLUSH_CHARS = 1 << 20;

  private JdbcRowCopy() {
  }

  static long copy(Connection source, String select, Connection twin, String qualified, List<TwinColumn> columns)
      throws SQLException {
    CopyText.Kind[] kinds = new CopyText.Kind[columns.size()];
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = CopyText.kind(columns.get(i).baseType());
      names.append(i == 0 ? "" : ", ").append(Identifiers.quote(columns.get(i).name()));
    }
    CopyIn in = twin.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + qualified + " (" + names
        + ") FROM STDIN");
    long rows = 0;
    try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(select)) {
      StringBuilder b = new StringBuilder(FLUSH_CHARS + 4096);
      while (rs.next()) {
        for (int c = 0; c < kinds.length; c++) {
          if (c > 0) {
            b.append('\t');
          }
          CopyText.append(b, value(rs, c + 1, kinds[c], columns.get(c).baseType()), kinds[c],
              Math.max(0, columns.get(c).scale()));
        }
        b.append('\n');
        rows++;
        if (b.length() >= FLUSH_CHARS) {
          write(in, b);
        }
      }
      write(in, b);
      in.endCopy();
      return rows;
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  /** The value of column {@code i} as one of the types {@link CopyText} writes, or null. */
  private static Object value(ResultSet rs, int i, CopyText.Kind kind, String baseType) throws SQLException {
    Object v = switch (kind) {
      case INTEGER -> rs.getObject(i) == null ? null : rs.getLong(i);
      case NUMERIC -> rs.getBigDecimal(i);
      case FLOAT -> rs.getObject(i) == null ? null : rs.getDouble(i);
      case BOOLEAN -> rs.getObject(i) == null ? null : rs.getBoolean(i);
      case DATE -> rs.getObject(i, LocalDate.class);
      case TIMESTAMP -> "timestamptz".equals(baseType)
          ? utc(rs.getObject(i, OffsetDateTime.class)) : rs.getObject(i, LocalDateTime.class);
      case TIME -> rs.getObject(i, LocalTime.class);
      case TEXT -> "bytea".equals(baseType) ? hex(rs.getBytes(i)) : rs.getString(i);
    };
    return v;
  }

  private static LocalDateTime utc(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
  }

  private static String hex(byte[] bytes) {
    return bytes == null ? null : "\\x" + HexFormat.of().formatHex(bytes);
  }

  private static void write(CopyIn in, StringBuilder b) throws SQLException {
    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
    in.writeToCopy(bytes, 0, bytes.length);
    b.setLength(0);
  }
}
