package io.surrogate.it.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.it.LocalPostgres;
import io.surrogate.it.TestProxies;
import io.surrogate.proxy.ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A PostgreSQL source whose real {@code departments} sits beside an unlisted {@code "DEPARTMENTS"} and an unlisted
 * {@code hr.departments}, both holding canaries: through the driver (on the twin and on the Calcite engine) and
 * through the proxy, no spelling, schema or search_path reaches an unlisted table's real rows, and a name PostgreSQL
 * would not find is 42P01.
 */
class CaseSpellingLeakIT {
  private static final String DATABASE = LocalPostgres.name("case_leak_it_");
  private static final String SOURCE = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
  private static final String POLICY = "tables:\n  departments: { mode: real }\n";
  private static final int REAL_ROWS = 5;
  private static final int CANARY_ROWS = 40;
  /** Rows sharing one value, so that the unlisted tables can be trained (a unique value never survives DP). */
  private static final int COMMON_ROWS = 400;

  @TempDir
  static Path dir;
  private static ProxyServer server;
  private static boolean created;

  @BeforeAll
  static void setUp() throws Exception {
    LocalPostgres.createOrSkip(DATABASE);
    created = true;
    try (Connection c = DriverManager.getConnection(SOURCE, props()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE departments (id int PRIMARY KEY, dept text NOT NULL)");
      s.execute("INSERT INTO departments SELECT g, 'Dept ' || g FROM generate_series(1, " + REAL_ROWS + ") g");
      s.execute("CREATE TABLE \"DEPARTMENTS\" (id int PRIMARY KEY, dept text NOT NULL)");
      s.execute("INSERT INTO \"DEPARTMENTS\" SELECT g, CASE WHEN g <= " + CANARY_ROWS + " THEN 'CASE-CANARY-'"
          + " || md5(g::text) ELSE 'ordinary' END FROM generate_series(1, " + (CANARY_ROWS + COMMON_ROWS) + ") g");
      s.execute("CREATE TABLE employees (id int PRIMARY KEY, name text NOT NULL)");
      s.execute("INSERT INTO employees SELECT g, CASE WHEN g <= 30 THEN 'CASE-CANARY-EMP-' || g ELSE 'ordinary' END"
          + " FROM generate_series(1, " + (30 + COMMON_ROWS) + ") g");
      s.execute("CREATE SCHEMA hr");
      s.execute("CREATE TABLE hr.departments (id int PRIMARY KEY, dept text NOT NULL)");
      s.execute("INSERT INTO hr.departments SELECT g, CASE WHEN g <= " + CANARY_ROWS + " THEN 'CASE-CANARY-HR-'"
          + " || md5(g::text) ELSE 'ordinary' END FROM generate_series(1, " + (CANARY_ROWS + COMMON_ROWS) + ") g");
    }
    server = TestProxies.start(SOURCE, "postgres", POLICY, Files.createDirectories(dir.resolve("proxy")));
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
    if (created) {
      LocalPostgres.drop(DATABASE);
    }
  }

  private static Properties props() {
    return LocalPostgres.props();
  }

  private static Connection open(String via) throws Exception {
    if (via.equals("proxy")) {
      Properties p = props();
      p.setProperty("socketTimeout", "120");
      return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + DATABASE, p);
    }
    Path policy = Files.writeString(dir.resolve("driver.yaml"), POLICY, StandardCharsets.UTF_8);
    Properties p = props();
    p.setProperty("policy", policy.toString());
    p.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("driver-catalog").toAbsolutePath() + ";AUTO_SERVER=TRUE");
    // "driver": connections to the synthetic twin, the default for a PostgreSQL source; "calcite": the engine
    p.setProperty("twin", via.equals("calcite") ? "none" : "embedded");
    p.setProperty("twinHome", Files.createDirectories(dir.resolve("twin-home")).toString());
    return DriverManager.getConnection("jdbc:surrogate:postgresql://127.0.0.1:5432/" + DATABASE, p);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"driver", "calcite", "proxy"})
  void quotedUpperCaseReachesOnlyTheUnlistedTableSynthesized(String via) throws Exception {
    try (Connection c = open(via)) {
      String rows = dump(c, "SELECT * FROM \"DEPARTMENTS\"");
      assertNoCanary(via, rows);
      long probe = count(c, "SELECT count(*) FROM \"DEPARTMENTS\" WHERE dept LIKE 'CASE-CANARY%'");
      assertNotEquals(CANARY_ROWS, probe, via + ": the LIKE probe counts the real rows");
      assertEquals(0, probe, via + ": a synthetic row carries a real canary value");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"driver", "calcite", "proxy"})
  void unquotedNamesFoldToTheListedRealTable(String via) throws Exception {
    try (Connection c = open(via)) {
      assertEquals(REAL_ROWS, count(c, "SELECT count(*) FROM departments WHERE dept LIKE 'Dept %'"));
      assertEquals(REAL_ROWS, count(c, "SELECT count(*) FROM DEPARTMENTS WHERE dept LIKE 'Dept %'"));
      assertEquals(REAL_ROWS, count(c, "SELECT count(*) FROM \"departments\" WHERE dept LIKE 'Dept %'"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"driver", "calcite", "proxy"})
  void namesPostgresDoesNotFindAreUndefined(String via) throws Exception {
    try (Connection c = open(via)) {
      for (String sql : new String[] {"SELECT * FROM \"Departments\"", "SELECT * FROM \"EMPLOYEES\"",
          "SELECT count(*) FROM \"Departments\" WHERE dept LIKE 'CASE-CANARY%'"}) {
        SQLException e = assertThrows(SQLException.class, () -> dump(c, sql), via + ": " + sql);
        assertEquals("42P01", e.getSQLState(), via + ": " + sql + ": " + e.getMessage());
        assertNoCanary(via, e.getMessage());
      }
      assertEquals(REAL_ROWS, count(c, "SELECT count(*) FROM departments"), "the connection still answers");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"driver", "calcite", "proxy"})
  void anotherSchemaIsNeverServedReal(String via) throws Exception {
    try (Connection c = open(via)) {
      for (String sql : new String[] {"SELECT * FROM hr.departments",
          "SELECT count(*) FROM hr.departments WHERE dept LIKE 'CASE-CANARY%'"}) {
        assertNoCanary(via, attempt(c, sql));
      }
      String set = attempt(c, "SET search_path = hr, public");
      if (via.equals("proxy")) {
        // One schema is served: a path that would resolve names in another is refused, not answered wrongly.
        assertTrue(set.startsWith("refused [0A000]") && set.contains("search_path hr, public: only schema public is"
            + " served"), set);
      }
      String rows = attempt(c, "SELECT * FROM departments");
      assertNoCanary(via, set + rows);
      String probe = attempt(c, "SELECT count(*) FROM departments WHERE dept LIKE 'CASE-CANARY%'");
      assertFalse(probe.contains(Integer.toString(CANARY_ROWS)), via + ": the LIKE probe counts real rows: " + probe);
    }
  }

  @Test
  void aPolicyEntryNamingNoTableRefusesTheConnection() throws Exception {
    Path policy = Files.writeString(dir.resolve("typo.yaml"), "default: real\ntables:\n  departmnts: {}\n",
        StandardCharsets.UTF_8);
    Properties p = props();
    p.setProperty("policy", policy.toString());
    p.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("typo-catalog").toAbsolutePath());
    p.setProperty("twinHome", Files.createDirectories(dir.resolve("twin-home")).toString());
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:surrogate:postgresql://127.0.0.1:5432/" + DATABASE, p).close());
    assertEquals("42P01", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("\"departmnts\" does not exist in the source (closest: departments"),
        e.getMessage());
  }

  /** Rows or the refusal of {@code sql}, as text. */
  private static String attempt(Connection c, String sql) {
    try {
      return dump(c, sql);
    } catch (SQLException e) {
      return "refused [" + e.getSQLState() + "] " + e.getMessage();
    }
  }

  private static String dump(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      if (!s.execute(sql)) {
        return "update count " + s.getUpdateCount();
      }
      try (ResultSet rs = s.getResultSet()) {
        return CanaryLeakIT.dump(rs);
      }
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private static void assertNoCanary(String where, String text) {
    assertFalse(text.toUpperCase(Locale.ROOT).contains("CASE-CANARY"), where + ": a real value escaped: "
        + CanaryLeakIT.abbreviate(text));
  }
}
