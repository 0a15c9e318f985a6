package io.surrogate.it.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.it.LocalPostgres;
import io.surrogate.proxy.ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proxy serving from the embedded twin of a PostgreSQL source: after the proxy's own login, the session is
 * relayed to the twin, so PostgreSQL answers every statement itself (window functions, DISTINCT ON, JSON, casts
 * and the catalogs), public tables hold the source's rows, the sensitive table holds synthetic rows without one
 * canary, cancels reach the twin's backend, and the client role can read no file, run no program and reach no
 * other server.
 */
class TwinRelayIT {
  private static final String DATABASE = LocalPostgres.name("twin_relay_it_");
  private static final String SOURCE = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
  private static final String CANARY = "TWIN-CANARY-";
  private static final String POLICY = """
      default: synthetic
      privacy: { epsilon: 2.0, delta: 1e-9, budget: 10.0 }
      seed: 7
      tables:
        cities: { mode: real }
        people:
          columns:
            age: { bounds: [0, 100] }
            email: { pii: email }
      """;

  @TempDir
  static Path dir;
  private static ProxyServer server;
  private static boolean created;

  @BeforeAll
  static void setUp() throws Exception {
    LocalPostgres.createOrSkip(DATABASE);
    created = true;
    try (Connection c = DriverManager.getConnection(SOURCE, props()); Statement s = c.createStatement()) {
      s.execute("CREATE TYPE tier AS ENUM ('bronze', 'silver', 'gold')");
      s.execute("CREATE TABLE cities (id int PRIMARY KEY, name text NOT NULL, info jsonb NOT NULL)");
      s.execute("INSERT INTO cities SELECT g, 'City ' || g, jsonb_build_object('zone', g % 3)"
          + " FROM generate_series(1, 12) g");
      s.execute("CREATE TABLE people (id int PRIMARY KEY, city_id int NOT NULL REFERENCES cities(id),"
          + " age int NOT NULL, email text NOT NULL, tier tier NOT NULL, note text)");
      s.execute("INSERT INTO people SELECT g, 1 + g % 12, 18 + g % 60, '" + CANARY + "' || g || '@example.org',"
          + " (ARRAY['bronze', 'silver', 'gold'])[1 + g % 3]::tier, CASE WHEN g % 2 = 0 THEN 'common' END"
          + " FROM generate_series(1, 600) g");
      s.execute("CREATE VIEW city_people AS SELECT c.name, count(p.id) AS people FROM cities c"
          + " LEFT JOIN people p ON p.city_id = c.id GROUP BY c.name");
    }
    Path policy = Files.writeString(dir.resolve("surrogate.yaml"), POLICY, StandardCharsets.UTF_8);
    server = TwinProxies.start(SOURCE, policy, TwinProxies.catalog(dir), dir, Duration.ZERO);
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

  private static Connection proxy(String mode) throws SQLException {
    Properties p = props();
    p.setProperty("preferQueryMode", mode);
    p.setProperty("socketTimeout", "120");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + DATABASE, p);
  }

  private static List<List<String>> rows(Connection c, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"extended", "simple"})
  void publicTablesAnswerAsTheSourceDoesWithPostgresqlsOwnSql(String mode) throws Exception {
    String sql = "SELECT DISTINCT ON (info->>'zone') info->>'zone' AS zone, name,"
        + " row_number() OVER (ORDER BY id) AS n, round((id / 7.0)::numeric, 2) AS r FROM cities"
        + " ORDER BY info->>'zone', id";
    try (Connection source = DriverManager.getConnection(SOURCE, props()); Connection c = proxy(mode)) {
      assertEquals(rows(source, sql), rows(c, sql));
      assertEquals(rows(source, "SELECT * FROM cities ORDER BY id"), rows(c, "SELECT * FROM cities ORDER BY id"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"extended", "simple"})
  void theSensitiveTableIsSyntheticAndHoldsNoCanary(String mode) throws Exception {
    try (Connection c = proxy(mode)) {
      List<List<String>> people = rows(c, "SELECT * FROM people");
      assertFalse(people.isEmpty(), "the twin's people table is empty");
      for (List<String> row : people) {
        assertFalse(String.join("|", row.stream().map(String::valueOf).toList()).contains(CANARY), row.toString());
      }
      assertEquals("0", rows(c, "SELECT count(*) FROM people WHERE email LIKE '" + CANARY + "%'").get(0).get(0));
      // The view and the enum are the source's, answered by PostgreSQL over the synthetic rows.
      assertEquals("12", rows(c, "SELECT count(*) FROM city_people").get(0).get(0));
      assertTrue(rows(c, "SELECT DISTINCT tier::text FROM people").stream()
          .allMatch(r -> List.of("bronze", "silver", "gold").contains(r.get(0))));
    }
  }

  @Test
  void columnTypesAreTheSources() throws Exception {
    String sql = "SELECT * FROM people LIMIT 1";
    try (Connection source = DriverManager.getConnection(SOURCE, props()); Connection c = proxy("extended");
         Statement a = source.createStatement(); Statement b = c.createStatement();
         ResultSet ra = a.executeQuery(sql); ResultSet rb = b.executeQuery(sql)) {
      ResultSetMetaData ma = ra.getMetaData();
      ResultSetMetaData mb = rb.getMetaData();
      assertEquals(ma.getColumnCount(), mb.getColumnCount());
      for (int i = 1; i <= ma.getColumnCount(); i++) {
        assertEquals(ma.getColumnName(i), mb.getColumnName(i));
        assertEquals(ma.getColumnTypeName(i), mb.getColumnTypeName(i), ma.getColumnName(i));
      }
    }
  }

  @Test
  void aCancelReachesTheTwinsBackendAndTheSessionGoesOn() throws Exception {
    try (Connection c = proxy("extended"); Statement st = c.createStatement()) {
      CompletableFuture<SQLException> query = CompletableFuture.supplyAsync(() -> {
        try (ResultSet rs = st.executeQuery("SELECT pg_sleep(120)")) {
          return null;
        } catch (SQLException e) {
          return e;
        }
      });
      try (Connection watcher = proxy("extended")) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (rows(watcher, "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(120)'"
            + " AND state = 'active'").get(0).get(0).equals("0") && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
      st.cancel();
      SQLException e = query.get(60, TimeUnit.SECONDS);
      assertNotNull(e, "pg_sleep(120) finished instead of being cancelled");
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("canceling statement due to user request"), e.getMessage());
      assertEquals("1", rows(c, "SELECT 1").get(0).get(0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "SELECT pg_read_file('/etc/passwd')",
      "COPY (SELECT 1) TO PROGRAM 'true'",
      "SELECT lo_import('/etc/passwd')",
      "CREATE EXTENSION dblink",
      "CREATE EXTENSION postgres_fdw",
      "INSERT INTO people (id, city_id, age, email, tier) VALUES (100000, 1, 30, 'x', 'gold')",
      "CREATE TABLE mine (x int)",
      "SET ROLE surrogate_admin"})
  void theClientRoleMayNotEscape(String sql) throws Exception {
    try (Connection c = proxy("extended"); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.execute(sql));
      assertTrue(e.getSQLState().startsWith("42"), e.getSQLState() + " " + e.getMessage());
      assertEquals("1", rows(c, "SELECT 1").get(0).get(0), "the session stays usable");
    }
  }

  @Test
  void theTwinHoldsNoCredentialsAndReportsItsOwnVersion() throws Exception {
    try (Connection c = proxy("extended")) {
      assertEquals("0", rows(c, "SELECT count(*) FROM pg_user_mappings").get(0).get(0));
      assertEquals("0", rows(c, "SELECT count(*) FROM pg_foreign_server").get(0).get(0));
      assertEquals("f", rows(c, "SELECT rolsuper::text::char FROM pg_roles WHERE rolname = current_user").get(0)
          .get(0));
      // The session is the twin's, not the source's: the client role on the twin's private port.
      assertEquals(List.of("surrogate_client", DATABASE), rows(c, "SELECT current_user, current_database()").get(0));
      assertFalse(rows(c, "SELECT inet_server_port()").get(0).get(0).equals("5432"));
      String version = rows(c, "SHOW server_version").get(0).get(0);
      assertTrue(version.startsWith(server.twin().orElseThrow().version().split("\\.")[0] + "."), version);
    }
  }
}
