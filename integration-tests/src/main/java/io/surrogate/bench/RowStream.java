package io.surrogate.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Streams a whole result through a cursor with a fetch size, reading every column of every row as an application
 * would, and reports rows per second.
 *
 * @param rows rows read
 * @param seconds wall time of the query and the read
 * @param checksum sum of the values' hash codes, so the reads cannot be optimised away
 */
public record RowStream(long rows, double seconds, long checksum) {

  /** Rows per second. */
  public double rowsPerSecond() {
    return rows / seconds;
  }

  /**
   * Runs {@code sql} on {@code c} with {@code fetchSize}; auto-commit is switched off for the read because
   * pgJDBC only uses a cursor inside a transaction, and restored afterwards.
   */
  public static RowStream read(Connection c, String sql, int fetchSize) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      long start = System.nanoTime();
      long n = 0;
      long sum = 0;
      try (Statement s = c.createStatement()) {
        s.setFetchSize(fetchSize);
        try (ResultSet rs = s.executeQuery(sql)) {
          int width = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= width; i++) {
              Object v = rs.getObject(i);
              sum += v == null ? 0 : v.hashCode();
            }
            n++;
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      c.commit();
      return new RowStream(n, seconds, sum);
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }
}
