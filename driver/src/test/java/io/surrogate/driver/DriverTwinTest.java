package io.surrogate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jdbc:surrogate:postgresql:} hands out connections to the synthetic twin (an embedded PostgreSQL of the
 * source's major): PostgreSQL itself answers, public rows are the source's, the sensitive table's rows are synthetic,
 * and the session is the twin's unprivileged client; {@code twin=none} keeps the Calcite engine. Skipped when the
 * local PostgreSQL is unreachable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriverTwinTest {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String CANARY = "DRIVER-TWIN-CANARY";
  private final String database = "drvtwin_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private Properties properties;

  @BeforeAll
  void setUp(@TempDir Path dir) throws Exception {
    try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", ""); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      Assumptions.abort("PostgreSQL unreachable at " + SERVER + ": " + e.getMessage());
    }
    try (Connection c = DriverManager.getConnection(SERVER + database, "postgres", "");
         Statement s = c.createStatement()) {
      s.execute("CREATE TABLE regions (id int PRIMARY KEY, name text NOT NULL)");
      s.execute("INSERT INTO regions SELECT g, 'Region ' || g FROM generate_series(1, 5) g");
      s.execute("CREATE TABLE clients (id int PRIMARY KEY, region_id int NOT NULL REFERENCES regions (id),"
          + " email text NOT NULL, spend int NOT NULL)");
      s.execute("INSERT INTO clients SELECT g, 1 + g % 5, '" + CANARY + "' || g, g % 100 FROM generate_series(1, 400) g");
    }
    Path policy = Files.writeString(dir.resolve("surrogate.yaml"), """
        default: synthetic
        privacy: { epsilon: 2.0, delta: 1e-9, budget: 10.0 }
        tables:
          regions: { mode: real }
          clients:
            columns:
              email: { pii: email }
              spend: { bounds: [0, 100] }
        """, StandardCharsets.UTF_8);
    properties = new Properties();
    properties.setProperty("user", "postgres");
    properties.setProperty("policy", policy.toString());
    properties.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath() + ";AUTO_SERVER=TRUE");
    properties.setProperty("twinHome", Files.createDirectories(dir.resolve("home")).toString());
  }

  @AfterAll
  void drop() {
    try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException ignored) {
      // unreachable: nothing was created
    }
  }

  private Connection connect(Properties p) throws SQLException {
    return DriverManager.getConnection("jdbc:surrogate:postgresql://127.0.0.1:5432/" + database, p);
  }

  @Test
  void aPostgresqlSourceIsServedByPostgresqlOnTheTwin() throws SQLException {
    try (Connection c = connect(properties); Statement s = c.createStatement()) {
      assertEquals("PostgreSQL", c.getMetaData().getDatabaseProductName());
      int sourceMajor;
      try (Connection source = DriverManager.getConnection(SERVER + database, "postgres", "")) {
        sourceMajor = source.getMetaData().getDatabaseMajorVersion();
      }
      assertEquals(sourceMajor, c.getMetaData().getDatabaseMajorVersion(), "the twin runs the source's major");
      assertEquals(List.of(List.of("surrogate_client", "f")),
          rows(s, "SELECT current_user, rolsuper::text FROM pg_roles WHERE rolname = current_user")
              .stream().map(r -> List.of(r.get(0), r.get(1).substring(0, 1))).toList());
      assertEquals(List.of(List.of("Region 1", "1"), List.of("Region 2", "2")),
          rows(s, "SELECT name, row_number() OVER (ORDER BY id) FROM regions ORDER BY id LIMIT 2"));
      List<List<String>> clients = rows(s, "SELECT email, spend FROM clients");
      assertFalse(clients.isEmpty());
      assertTrue(clients.stream().noneMatch(r -> r.get(0).contains(CANARY)), "a real e-mail reached the twin");
      assertEquals(List.of(List.of("0")), rows(s, "SELECT count(*) FROM clients c LEFT JOIN regions r"
          + " ON r.id = c.region_id WHERE r.id IS NULL"));
    }
  }

  @Test
  void aSandboxPropertyGivesAWritableCopyAndStarOneForTheConnection() throws SQLException {
    Properties named = new Properties();
    named.putAll(properties);
    named.setProperty("sandbox", "ci_run");
    String twinCount;
    try (Connection c = connect(properties); Statement s = c.createStatement()) {
      twinCount = rows(s, "SELECT count(*) FROM clients").get(0).get(0);
    }
    try (Connection c = connect(named); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("INSERT INTO regions VALUES (99, 'Sandbox region')"));
      s.executeUpdate("DELETE FROM clients WHERE id IN (SELECT id FROM clients ORDER BY id LIMIT 3)");
    }
    try (Connection c = connect(named); Statement s = c.createStatement()) {
      assertEquals(List.of(List.of("Sandbox region")), rows(s, "SELECT name FROM regions WHERE id = 99"),
          "a named sandbox keeps its writes across connections");
    }
    try (Connection c = connect(properties); Statement s = c.createStatement()) {
      assertEquals(twinCount, rows(s, "SELECT count(*) FROM clients").get(0).get(0), "the twin is unchanged");
      assertEquals(List.of(), rows(s, "SELECT name FROM regions WHERE id = 99"));
    }
    Properties ephemeral = new Properties();
    ephemeral.putAll(properties);
    ephemeral.setProperty("sandbox", "*");
    String database;
    try (Connection c = connect(ephemeral); Statement s = c.createStatement()) {
      database = rows(s, "SELECT current_database()").get(0).get(0);
      assertTrue(database.contains("_eph_"), database);
      s.executeUpdate("TRUNCATE clients");
    }
    try (Connection c = connect(named); Statement s = c.createStatement()) {
      assertEquals(List.of(), rows(s, "SELECT datname FROM pg_database WHERE datname = '" + database + "'"),
          "the connection's sandbox is dropped when it closes");
    }
  }

  @Test
  void twinNoneKeepsTheCalciteEngine() throws SQLException {
    Properties p = new Properties();
    p.putAll(properties);
    p.setProperty("twin", "none");
    try (Connection c = connect(p)) {
      assertNotEquals(org.postgresql.jdbc.PgConnection.class, c.getClass());
    }
    p.setProperty("twin", "elsewhere");
    SQLException e = assertThrows(SQLException.class, () -> connect(p));
    assertEquals("22023", e.getSQLState());
    assertTrue(e.getMessage().contains("twin: elsewhere (expected: embedded, none or jdbc:postgresql:"), e.getMessage());
  }

  private static List<List<String>> rows(Statement s, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
    }
    return out;
  }
}
