package io.surrogate.proxy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A table of failing statements sent by pgJDBC, in each query mode, through the proxy serving the Surrogate driver
 * over an H2 source: each gets PostgreSQL's SQLSTATE and a message without Java, and the session stays usable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailingStatementsTest {
  /** What must never reach a client: Java class names, exception names, stack frames, generated classes. */
  private static final Pattern JAVA = Pattern.compile("java\\.|javax\\.|org\\.apache|io\\.surrogate|Exception"
      + "|\\w+Error\\b|\\w\\$\\d|\\bat [a-z]+\\.|Could not initialize class|\\bBaz\\b");

  /** One failing statement, its string parameter (or null), PostgreSQL's SQLSTATE and a text its message has. */
  private record Case(String sql, String parameter, String state, String mentions) {
  }

  private static final List<Case> CASES = List.of(
      new Case("SELECT 1/0", null, "22012", "division by zero"),
      new Case("SELECT salary/(salary-salary) FROM staff", null, "22012", "division by zero"),
      new Case("SELECT 1/0", null, "22012", "division by zero"),
      new Case("SELECT CAST(memo AS integer) FROM staff", null, "22P02", "invalid input syntax for type integer"),
      new Case("SELECT CAST('bonus' AS integer)", null, "22P02", "\"bonus\""),
      new Case("SELECT CAST('x' AS date)", null, "22007", "invalid input syntax for type date"),
      new Case("SELECT CAST(3000000000 AS integer)", null, "22003", "out of range"),
      new Case("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY salary) FROM staff", null, "0A000",
          "not supported"),
      new Case("SELECT * FROM staff TABLESAMPLE SYSTEM (50)", null, "0A000", "not supported"),
      new Case("SELECT nope FROM staff", null, "42703", "nope"),
      new Case("SELECT * FROM nope", null, "42P01", "nope"),
      new Case("SELEC 1", null, "42601", "syntax"),
      new Case("SELECT no_such_function(1)", null, "42883", "no_such_function"),
      new Case("SELECT salary FROM staff WHERE salary = DATE '2020-01-01'", null, "42883", "Cannot apply"),
      new Case("SELECT CAST(? AS integer)", "bonus", "22P02", "invalid input syntax for type integer"));

  private Connection keepAlive;
  private ProxyServer server;
  private int port;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    String name = "perr" + UUID.randomUUID().toString().replace("-", "");
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
            columns:
              salary: { bounds: [1000, 2000] }
              memo: { domain: [bonus, base] }
        """, StandardCharsets.UTF_8);
    Properties p = new Properties();
    p.setProperty("catalog", "jdbc:h2:mem:" + name + "cat");
    p.setProperty("policy", policy.toString());
    p.setProperty("seed", "7");
    server = new ProxyServer(ProxyConfig.builder().port(0).build(),
        new SurrogateEngine("jdbc:surrogate:h2:mem:" + name, p, "16.0"));
    port = server.start();
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    keepAlive.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"simple", "extended", "prepared"})
  void eachFailsWithPostgresSqlStateAndTheSessionStaysUsable(String mode) throws SQLException {
    List<Executable> checks = new ArrayList<>();
    try (Connection c = PgJdbcTest.connect(port, mode)) {
      for (Case k : CASES) {
        SQLException e = run(c, k);
        if (e == null) {
          checks.add(() -> fail(mode + ": " + k.sql() + " succeeded"));
          continue;
        }
        String what = mode + ": " + k.sql() + ": " + e.getSQLState() + " " + e.getMessage();
        checks.add(() -> assertEquals(k.state(), e.getSQLState(), what));
        checks.add(() -> assertTrue(e.getMessage().contains(k.mentions()), what));
        checks.add(() -> assertFalse(JAVA.matcher(e.getMessage()).find(), what));
        int one = selectOne(c, "SELECT 1");
        checks.add(() -> assertEquals(1, one, "SELECT 1 after " + what));
      }
    }
    assertAll(checks);
  }

  @ParameterizedTest
  @ValueSource(strings = {"simple", "extended", "prepared"})
  void statementsMayEndInSemicolons(String mode) throws SQLException {
    try (Connection c = PgJdbcTest.connect(port, mode)) {
      assertEquals(1, selectOne(c, "SELECT 1;"));
      assertEquals(2, selectOne(c, "SELECT 2 ;  \n"));
      try (PreparedStatement p = c.prepareStatement("SELECT ';' AS semi, memo FROM notes WHERE memo = ?;")) {
        for (int round = 0; round < 3; round++) {
          p.setString(1, "n2");
          try (ResultSet rs = p.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(";", rs.getString(1));
            assertEquals("n2", rs.getString(2));
          }
        }
      }
    }
  }

  private static SQLException run(Connection c, Case k) {
    try (PreparedStatement p = c.prepareStatement(k.sql())) {
      if (k.parameter() != null) {
        p.setString(1, k.parameter());
      }
      p.execute();
      try (ResultSet rs = p.getResultSet()) {
        while (rs != null && rs.next()) {
          rs.getObject(1);
        }
      }
    } catch (SQLException e) {
      return e;
    }
    return null;
  }

  private static int selectOne(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      assertTrue(rs.next(), sql);
      return rs.getInt(1);
    }
  }
}
