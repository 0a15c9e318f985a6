package io.surrogate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.surrogate.driver.internal.Engines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints serving measurements (no timing assertions): a warm full scan of 1,000,000 synthetic rows
 * against the same number of rows scanned from an H2 in-memory table through H2's own driver, the first
 * query on a fresh connection (planning included) and the warm repeat of a small aggregate.
 * Run with {@code -Dsurrogate.bench=true}.
 */
@EnabledIfSystemProperty(named = "surrogate.bench", matches = "true")
class ServingMeasurementTest {
  static final int ROWS = 1_000_000;

  @Test
  void measure(@TempDir Path dir) throws Exception {
    String name = "bench" + UUID.randomUUID().toString().replace("-", "");
    String h2 = "jdbc:h2:mem:" + name;
    try (Connection source = DriverManager.getConnection(h2)) {
      fill(source, "seed_table", 5_000);
      fill(source, "big_real", ROWS);
      fill(source, "small_real", 1_000);
      Path policy = Files.writeString(dir.resolve("bench.yaml"), """
          tables:
            big_real: { mode: real }
            small_real: { mode: real }
            seed_table:
              rows: 1000000
              columns:
                a: { bounds: [0, 1000] }
                b: { bounds: [-10, 10] }
                c: { domain: [v0, v1, v2, v3, v4, v5, v6, v7] }
          """, StandardCharsets.UTF_8);
      Properties p = new Properties();
      p.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath());
      p.setProperty("policy", policy.toString());
      p.setProperty("cacheBytes", Long.toString(1L << 30));
      String url = "jdbc:surrogate:" + h2.substring("jdbc:".length());
      try (Connection keep = DriverManager.getConnection(url, p)) {
        long t0 = System.nanoTime();
        long n = scan(keep, "select * from seed_table");
        System.out.printf(Locale.ROOT, "cold scan (train + synthesize %d rows): %.0f ms%n", n, ms(t0));
        assertEquals(ROWS, n);
        double[] synthetic = new double[7];
        double[] real = new double[7];
        for (int i = 0; i < synthetic.length; i++) {
          long t = System.nanoTime();
          scan(keep, "select * from seed_table");
          synthetic[i] = ms(t);
          t = System.nanoTime();
          scan(source, "select * from big_real");
          real[i] = ms(t);
        }
        double s = median(synthetic);
        double r = median(real);
        for (int k = 0; k < 3; k++) {
          long t = System.nanoTime();
          long cnt = 0;
          try (Statement st = keep.createStatement(); ResultSet rs = st.executeQuery("select * from seed_table")) {
            while (rs.next()) {
              cnt++;
            }
          }
          System.out.printf(Locale.ROOT, "surrogate next() only over %d rows: %.0f ms%n", cnt, ms(t));
          t = System.nanoTime();
          cnt = 0;
          try (Statement st = keep.createStatement(); ResultSet rs = st.executeQuery("select * from seed_table")) {
            while (rs.next()) {
              cnt += rs.getLong(1) + rs.getInt(2) + (long) rs.getDouble(3) + rs.getString(4).length();
            }
          }
          System.out.printf(Locale.ROOT, "next() and four typed getters: %.0f ms%n", ms(t));
        }
        System.out.printf(Locale.ROOT, "warm full scan of %d rows: surrogate %.0f ms, H2 driver %.0f ms, ratio %.2f%n",
            ROWS, s, r, s / r);
        double[] first = new double[15];
        for (int i = 0; i < first.length; i++) {
          long t = System.nanoTime();
          try (Connection c = DriverManager.getConnection(url, p)) {
            scan(c, "select c, count(*), avg(a) from seed_table where a > " + (i + 1) + " group by c");
          }
          first[i] = ms(t);
        }
        System.out.printf(Locale.ROOT, "fresh connection + first (unplanned) aggregate, p50: %.1f ms%n", median(first));
        String same = "select c, count(*), avg(a) from seed_table where a > 500 group by c";
        scan(keep, same);
        for (int i = 0; i < first.length; i++) {
          long t = System.nanoTime();
          try (Connection c = DriverManager.getConnection(url, p)) {
            scan(c, same);
          }
          first[i] = ms(t);
        }
        System.out.printf(Locale.ROOT, "fresh connection + first aggregate already planned by another, p50: %.1f ms%n",
            median(first));
        double[] warm = new double[51];
        String agg = "select count(*), max(a) from big_real where a > 990";
        scan(keep, agg);
        for (int i = 0; i < warm.length; i++) {
          long t = System.nanoTime();
          scan(keep, agg);
          warm[i] = ms(t);
        }
        System.out.printf(Locale.ROOT, "warm repeat of a small aggregate (pushed down to H2), p50: %.2f ms%n",
            median(warm));
        String small = "select c, count(*), avg(b) from small_real group by c";
        scan(keep, small);
        for (int i = 0; i < warm.length; i++) {
          long t = System.nanoTime();
          scan(keep, small);
          warm[i] = ms(t);
        }
        System.out.printf(Locale.ROOT, "warm repeat of a small aggregate (1,000-row real table), p50: %.2f ms%n",
            median(warm));
        String synthAgg = "select c, count(*) from seed_table where a between 10 and 20 group by c";
        scan(keep, synthAgg);
        for (int i = 0; i < warm.length; i++) {
          long t = System.nanoTime();
          scan(keep, synthAgg);
          warm[i] = ms(t);
        }
        System.out.printf(Locale.ROOT, "warm repeat of an aggregate over 1,000,000 synthetic rows, p50: %.1f ms%n",
            median(warm));
      }
    } finally {
      Engines.closeIdle();
    }
  }

  private static void fill(Connection c, String table, int rows) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, a INTEGER, b DOUBLE PRECISION, c VARCHAR(10),"
          + " d DATE)");
    }
    SplittableRandom r = new SplittableRandom(3);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < rows; i++) {
        ps.setLong(1, i + 1);
        ps.setInt(2, r.nextInt(1000));
        ps.setDouble(3, r.nextGaussian());
        ps.setString(4, "v" + r.nextInt(8));
        ps.setObject(5, java.time.LocalDate.of(2000, 1, 1).plusDays(r.nextInt(9000)));
        ps.addBatch();
        if (i % 10_000 == 9_999) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /** Reads every column of every row with the typed getters a client would use. */
  static long scan(Connection c, String sql) throws SQLException {
    long rows = 0;
    long sink = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        rows++;
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          sink += v == null ? 0 : 1;
        }
      }
    }
    if (sink < 0) {
      throw new IllegalStateException();
    }
    return rows;
  }

  private static double ms(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy[copy.length / 2];
  }
}
