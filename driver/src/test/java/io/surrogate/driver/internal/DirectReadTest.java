package io.surrogate.driver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads through the {@link RowTap} fast path must equal Avatica's own reads of the same query, value by
 * value and null by null, for every column type the fast path handles and for types it leaves to Avatica.
 */
class DirectReadTest {
  private static final String SQL = "select id, i, d, s, n, b, dt, ts, sm, r, id + 1 as next_id, cast(null as integer)"
      + " from typed order by id";

  @Test
  void fastReadsEqualAvaticaReads(@TempDir Path dir) throws SQLException {
    String name = "direct" + UUID.randomUUID().toString().replace("-", "");
    try (Connection source = DriverManager.getConnection("jdbc:h2:mem:" + name)) {
      try (Statement s = source.createStatement()) {
        s.execute("CREATE TABLE typed (id BIGINT PRIMARY KEY, i INTEGER, d DOUBLE PRECISION, s VARCHAR(10),"
            + " n DECIMAL(8,2), b BOOLEAN, dt DATE, ts TIMESTAMP, sm SMALLINT, r REAL)");
      }
      try (PreparedStatement p = source.prepareStatement(
          "INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int k = 0; k < 300; k++) {
          p.setLong(1, k);
          p.setObject(2, k % 7 == 0 ? null : k * 3);
          p.setObject(3, k % 5 == 0 ? null : k / 7.0);
          p.setString(4, k % 11 == 0 ? null : "v" + (k % 4));
          p.setObject(5, k % 13 == 0 ? null : java.math.BigDecimal.valueOf(k * 25L, 2));
          p.setObject(6, k % 3 == 0 ? null : k % 2 == 0);
          p.setObject(7, k % 17 == 0 ? null : java.time.LocalDate.of(1890 + k / 3, 1 + k % 12, 1 + k % 28));
          p.setObject(8, java.time.LocalDateTime.of(2020, 1, 1, 0, 0).plusMinutes(k * 97L));
          p.setObject(9, (short) (k % 100));
          p.setObject(10, k / 3.0f);
          p.addBatch();
        }
        p.executeBatch();
      }
      Properties props = new Properties();
      props.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath());
      props.setProperty("partitionSize", "64");
      try (Connection c = DriverManager.getConnection("jdbc:surrogate:h2:mem:" + name, props)) {
        compare(c);
      } finally {
        Engines.closeIdle();
      }
    }
  }

  private static void compare(Connection c) throws SQLException {
    SurrogateSession session = c.unwrap(SurrogateSession.class);
    int rows = 0;
    try (Statement fastStatement = c.createStatement(); ResultSet fast = fastStatement.executeQuery(SQL);
        Statement rawStatement = session.calcite().createStatement();
        ResultSet raw = rawStatement.executeQuery(SQL)) {
      int n = fast.getMetaData().getColumnCount();
      while (fast.next()) {
        assertTrue(raw.next());
        rows++;
        for (int i = 1; i <= n; i++) {
          String where = "row " + rows + " column " + fast.getMetaData().getColumnName(i);
          assertEquals(raw.getObject(i), fast.getObject(i), where);
          assertEquals(raw.wasNull(), fast.wasNull(), where);
          assertEquals(raw.getString(i), fast.getString(i), where);
          assertEquals(raw.wasNull(), fast.wasNull(), where);
          int type = fast.getMetaData().getColumnType(i);
          if (type == java.sql.Types.BIGINT || type == java.sql.Types.INTEGER) {
            assertEquals(raw.getLong(i), fast.getLong(i), where);
            assertEquals(raw.getInt(i), fast.getInt(i), where);
            assertEquals(raw.wasNull(), fast.wasNull(), where);
          }
          if (type == java.sql.Types.DOUBLE) {
            assertEquals(raw.getDouble(i), fast.getDouble(i), where);
          }
          if (type == java.sql.Types.DATE) {
            assertEquals(raw.getDate(i), fast.getDate(i), where);
          }
        }
      }
      assertFalse(raw.next());
    }
    assertTrue(rows > 200, "rows compared: " + rows);
  }
}
