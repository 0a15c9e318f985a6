package io.surrogate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each generator end to end through {@code jdbc:surrogate:}: trained on first use from an H2 source, served with the
 * source's types, inside the policy's public domain and bounds, no real row returned, identical on repeat.
 */
class GeneratorsThroughDriverIT {
  private static final String SOURCE = "jdbc:h2:mem:generators_it;DB_CLOSE_DELAY=-1";
  private static Connection keepAlive;

  @TempDir
  static Path dir;

  @BeforeAll
  static void source() throws Exception {
    keepAlive = DriverManager.getConnection(SOURCE);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE loans (id INT PRIMARY KEY, grade VARCHAR(2) NOT NULL, amount DECIMAL(9,2) NOT NULL,"
          + " term INT NOT NULL, defaulted BOOLEAN NOT NULL, opened DATE NOT NULL)");
      // amount depends on grade and term, defaulted on grade: structure a generator should keep
      s.execute("INSERT INTO loans SELECT x, CASE MOD(x, 4) WHEN 0 THEN 'A' WHEN 1 THEN 'B' WHEN 2 THEN 'C' ELSE 'D' END,"
          + " 1000 + MOD(x * 7919, 5000) + 3000 * MOD(x, 4) + 0.37 * MOD(x, 100), 12 * (1 + MOD(x * 13, 5)),"
          + " MOD(x * 31, 10) < MOD(x, 4) + 1, DATEADD('DAY', MOD(x * 17, 1000), DATE '2020-01-01')"
          + " FROM SYSTEM_RANGE(1, 3000)");
    }
  }

  @AfterAll
  static void close() throws Exception {
    keepAlive.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"copula", "cart"})
  void generatorServesPlausibleRowsThroughTheDriver(String generator) throws Exception {
    Path policy = dir.resolve(generator + ".yaml");
    Files.writeString(policy, "tables:\n  loans:\n    generator: " + generator + "\n    epsilon: 2.0\n    columns:\n"
        + "      grade: { domain: [A, B, C, D] }\n      amount: { bounds: [0, 20000] }\n"
        + "      term: { bounds: [12, 60] }\n      opened: { bounds: [2020-01-01, 2022-12-31] }\n",
        StandardCharsets.UTF_8);
    Properties p = new Properties();
    p.setProperty("policy", policy.toString());
    p.setProperty("catalog", "jdbc:h2:file:" + dir.resolve(generator + "-catalog").toAbsolutePath());
    String url = "jdbc:surrogate:" + SOURCE.substring("jdbc:".length());
    String sql = "SELECT id, grade, amount, term, defaulted, opened FROM loans ORDER BY id";
    List<String> first;
    try (Connection c = DriverManager.getConnection(url, p)) {
      first = rows(c, sql);
      assertEquals(first, rows(c, sql), "a repeat read returns the same rows");
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT MIN(amount), MAX(amount), MIN(term), MAX(term), COUNT(DISTINCT grade),"
              + " MIN(opened), MAX(opened) FROM loans")) {
        assertTrue(rs.next());
        assertTrue(rs.getBigDecimal(1).doubleValue() >= 0 && rs.getBigDecimal(2).doubleValue() <= 20000, generator);
        assertTrue(rs.getInt(3) >= 12 && rs.getInt(4) <= 60, generator);
        assertTrue(rs.getInt(5) <= 4, generator);
        assertTrue(rs.getDate(6).toLocalDate().getYear() >= 2020 && rs.getDate(7).toLocalDate().getYear() <= 2022);
      }
    }
    assertTrue(first.size() > 2500 && first.size() < 3500, generator + " serves about the noisy row count: " + first.size());
    Set<String> real = new HashSet<>();
    for (String row : rows(keepAlive, sql)) {
      real.add(row.substring(row.indexOf('|') + 1));
    }
    long copies = first.stream().map(r -> r.substring(r.indexOf('|') + 1)).filter(real::contains).count();
    assertEquals(0, copies, generator + " returned real rows (all columns but the key)");
  }

  private static List<String> rows(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3).toPlainString() + "|" + rs.getInt(4)
            + "|" + rs.getBoolean(5) + "|" + rs.getDate(6));
      }
    }
    return out;
  }
}
