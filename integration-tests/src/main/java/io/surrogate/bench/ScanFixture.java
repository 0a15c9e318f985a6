package io.surrogate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * An H2 in-memory source with an {@code events} table (1,000,000 rows unless told), a policy that serves it
 * synthetic with the same row count, and a fresh catalog: the shared setup of the driver and proxy benchmarks.
 */
final class ScanFixture implements AutoCloseable {
  static final int ROWS = 1_000_000;

  final String h2Url;
  final String surrogateUrl;
  final Properties properties = new Properties();
  private final Connection keepAlive;
  private final Path dir;

  ScanFixture(String name) throws SQLException, IOException {
    this(name, ROWS);
  }

  /** A source of {@code rows} real rows, served synthetic with as many rows. */
  ScanFixture(String name, int rows) throws SQLException, IOException {
    h2Url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    surrogateUrl = "jdbc:surrogate:" + h2Url.substring("jdbc:".length());
    keepAlive = DriverManager.getConnection(h2Url);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE events (id BIGINT PRIMARY KEY, amount DOUBLE PRECISION NOT NULL, qty INT NOT NULL,"
          + " kind VARCHAR(8) NOT NULL, event_day DATE NOT NULL)");
      // Deterministic pseudo-random columns computed by H2 itself, so setup takes seconds, not minutes.
      s.execute("INSERT INTO events SELECT x, MOD(x * 7919, 10007) / 10.0, MOD(x * 104729, 97),"
          + " 'k' || MOD(x * 31, 12), DATEADD('DAY', MOD(x * 13, 730), DATE '2024-01-01')"
          + " FROM SYSTEM_RANGE(1, " + rows + ")");
    }
    dir = Files.createTempDirectory("surrogate-bench");
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "tables:\n  events:\n    generator: copula\n    epsilon: 1.0\n    rows: " + rows
        + "\n    columns:\n      kind: { domain: [k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11] }\n",
        StandardCharsets.UTF_8);
    properties.setProperty("policy", policy.toString());
    properties.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath());
  }

  /** Reads every column of every row, as an application would, and returns a checksum. */
  static long drain(Connection c, String sql) throws SQLException {
    long sum = 0;
    try (Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= n; i++) {
            Object v = rs.getObject(i);
            sum += v == null ? 0 : v.hashCode();
          }
        }
      }
    }
    return sum;
  }

  @Override
  public void close() throws SQLException, IOException {
    keepAlive.close();
    try (var files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
