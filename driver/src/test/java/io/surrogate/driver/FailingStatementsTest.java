package io.surrogate.driver;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table of failing statements run through {@code jdbc:surrogate:} over an in-memory H2 source: each fails with
 * the SQLSTATE PostgreSQL sends, a message without Java in it, and leaves the connection usable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailingStatementsTest {
  /** What must never reach a client: Java class names, exception names, stack frames. */
  static final Pattern JAVA = Pattern.compile("java\\.|javax\\.|org\\.apache|io\\.surrogate|Exception|Error\\b"
      + "|\\$\\d|\\bat [a-z]+\\.|Could not initialize class|\\bBaz\\b");

  /** One failing statement, the SQLSTATE PostgreSQL sends for it, and a word its message must contain. */
  record Case(String sql, String parameter, String state, String mentions) {
  }

  static final List<Case> CASES = List.of(
      new Case("SELECT 1/0", null, "22012", "division by zero"),
      new Case("SELECT salary/(salary-salary) FROM staff", null, "22012", "division by zero"),
      new Case("SELECT 1/0", null, "22012", "division by zero"),
      new Case("SELECT CAST(memo AS integer) FROM staff", null, "22P02", "invalid input syntax for type integer"),
      new Case("SELECT CAST('bonus' AS integer)", null, "22P02", "\"bonus\""),
      new Case("SELECT CAST(? AS integer)", "bonus", "42804", "type text"),
      new Case("SELECT CAST('x' AS date)", null, "22007", "invalid input syntax for type date"),
      new Case("SELECT CAST(3000000000 AS integer)", null, "22003", "out of range"),
      new Case("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY salary) FROM staff", null, "0A000",
          "not supported"),
      new Case("SELECT * FROM staff TABLESAMPLE SYSTEM (50)", null, "0A000", "not supported"),
      new Case("SELECT nope FROM staff", null, "42703", "nope"),
      new Case("SELECT * FROM nope", null, "42P01", "nope"),
      new Case("SELEC 1", null, "42601", "syntax"),
      new Case("SELECT no_such_function(1)", null, "42883", "no_such_function"),
      new Case("SELECT salary + memo FROM staff", null, "22P02", "invalid input syntax for type integer"),
      new Case("SELECT salary FROM staff WHERE salary = DATE '2020-01-01'", null, "42883", "Cannot apply"));

  private Connection keepAlive;
  private String url;
  private Properties properties;

  @BeforeAll
  void createSource(@TempDir Path dir) throws Exception {
    String name = "err" + UUID.randomUUID().toString().replace("-", "");
    keepAlive = DriverManager.getConnection("jdbc:h2:mem:" + name);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE staff (id INTEGER PRIMARY KEY, salary INTEGER, memo VARCHAR(10))");
      s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, memo VARCHAR(10))");
      for (int i = 1; i <= 40; i++) {
        s.execute("INSERT INTO staff VALUES (" + i + ", " + (1000 + i * 10) + ", '" + (i % 2 == 0 ? "bonus" : "base")
            + "')");
        s.execute("INSERT INTO notes VALUES (" + i + ", 'n" + i + "')");
      }
    }
    Path policy = Files.writeString(dir.resolve("surrogate.yaml"), """
        default: synthetic
        privacy: { epsilon: 1.0, delta: 1e-9, budget: 10.0 }
        seed: 3
        tables:
          notes: { mode: real }
          staff:
            rows: 40
            columns:
              salary: { bounds: [1000, 2000] }
              memo: { domain: [bonus, base] }
        """, StandardCharsets.UTF_8);
    url = "jdbc:surrogate:h2:mem:" + name;
    properties = new Properties();
    properties.setProperty("catalog", "jdbc:h2:mem:" + name + "cat");
    properties.setProperty("policy", policy.toString());
    properties.setProperty("seed", "7");
  }

  @AfterAll
  void dropSource() throws SQLException {
    Engines.closeIdle();
    keepAlive.close();
  }

  @Test
  void eachFailsWithPostgresSqlStateAndTheConnectionStaysUsable() throws SQLException {
    List<Executable> checks = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, properties)) {
      for (Case k : CASES) {
        SQLException e = run(c, k);
        if (e == null) {
          checks.add(() -> fail(k.sql() + " succeeded"));
          continue;
        }
        checks.add(() -> assertEquals(k.state(), e.getSQLState(), k.sql() + ": " + e.getMessage()));
        checks.add(() -> assertTrue(e.getMessage().contains(k.mentions()), k.sql() + ": " + e.getMessage()));
        checks.add(() -> assertFalse(JAVA.matcher(e.getMessage()).find(), k.sql() + ": " + e.getMessage()));
        int one = selectOne(c);
        checks.add(() -> assertEquals(1, one, "SELECT 1 after " + k.sql()));
      }
    }
    assertAll(checks);
  }

  @Test
  void aPreparedStatementFailsTheSameWayEachTimeItRuns() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, properties);
        PreparedStatement p = c.prepareStatement("SELECT 10/0 AS q")) {
      for (int i = 0; i < 3; i++) {
        SQLException e = assertThrows(SQLException.class, () -> p.executeQuery().next());
        assertEquals("22012", e.getSQLState(), e.getMessage());
        assertEquals("division by zero", e.getMessage());
      }
      assertEquals(1, selectOne(c));
    }
  }

  @Test
  void statementsMayEndInSemicolons() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, properties)) {
      try (PreparedStatement p = c.prepareStatement("SELECT 1;"); ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT ';' AS semi, memo FROM notes WHERE id = 1 ; ; -- done;\n/* ; */")) {
        assertTrue(rs.next());
        assertEquals(";", rs.getString(1));
        assertEquals("n1", rs.getString(2));
      }
      try (Statement s = c.createStatement()) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1; SELECT 2"));
        assertEquals("42601", e.getSQLState(), e.getMessage());
      }
    }
  }

  private static SQLException run(Connection c, Case k) {
    try (PreparedStatement p = c.prepareStatement(k.sql())) {
      if (k.parameter() != null) {
        p.setString(1, k.parameter());
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    } catch (SQLException e) {
      return e;
    } catch (RuntimeException e) {
      return new SQLException("unchecked " + e, "none");
    }
    return null;
  }

  private static int selectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
