package io.surrogate.it.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.driver.twin.RunningTwin;
import io.surrogate.it.Cli;
import io.surrogate.it.LocalPostgres;
import io.surrogate.proxy.ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writable sandboxes of the twin through the proxy ({@code dbname=sandbox-NAME}, or {@code sandbox-} for one per
 * connection): writes, DDL and truncation land in the sandbox only, two sandboxes never see each other's writes,
 * the twin and the source stay as they were, a reset restores the twin's content, an ephemeral sandbox ends with its
 * connection, no sandbox holds a real value of the sensitive table, and the number of sandboxes is capped.
 */
class SandboxIT {
  private static final String DATABASE = LocalPostgres.name("sandbox_it_");
  private static final String SOURCE = LocalPostgres.url(DATABASE);
  private static final String CANARY = "SANDBOX-CANARY-";
  private static final String PEOPLE = "SELECT md5(string_agg(p::text, ',' ORDER BY p.id)) FROM people p";
  private static final String CITIES = "SELECT md5(string_agg(c::text, ',' ORDER BY c.id)) FROM cities c";

  @TempDir
  static Path dir;
  private static ProxyServer server;
  private static boolean created;

  @BeforeAll
  static void setUp() throws Exception {
    LocalPostgres.createOrSkip(DATABASE);
    created = true;
    try (Connection c = DriverManager.getConnection(SOURCE, LocalPostgres.props()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE cities (id int PRIMARY KEY, name text NOT NULL)");
      s.execute("INSERT INTO cities SELECT g, 'City ' || g FROM generate_series(1, 6) g");
      s.execute("CREATE TABLE people (id serial PRIMARY KEY, city_id int NOT NULL REFERENCES cities (id),"
          + " email text NOT NULL, age int NOT NULL)");
      s.execute("INSERT INTO people (city_id, email, age) SELECT 1 + g % 6, '" + CANARY + "' || g || '@x.org',"
          + " 18 + g % 60 FROM generate_series(1, 400) g");
    }
    Path policy = Files.writeString(dir.resolve("surrogate.yaml"), """
        default: synthetic
        privacy: { epsilon: 2.0, delta: 1e-9, budget: 10.0 }
        tables:
          cities: { mode: real }
          people:
            columns:
              email: { pii: email }
              age: { bounds: [0, 100] }
        """, StandardCharsets.UTF_8);
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

  private static Connection open(String database) throws SQLException {
    return TwinProxies.connect(server, database);
  }

  private static RunningTwin twin() {
    return server.twin().orElseThrow().running();
  }

  @Test
  void twoSandboxesInParallelSeeOnlyTheirOwnWritesAndTheTwinAndSourceStayAsTheyWere() throws Exception {
    String twinPeople;
    String twinCities;
    try (Connection t = open(DATABASE)) {
      twinPeople = value(t, PEOPLE);
      twinCities = value(t, CITIES);
    }
    String sourceCities;
    try (Connection c = DriverManager.getConnection(SOURCE, LocalPostgres.props())) {
      sourceCities = value(c, CITIES);
    }
    CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> suite("suite_a"));
    CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> suite("suite_b"));
    assertEquals("suite_a ok", a.get(120, TimeUnit.SECONDS));
    assertEquals("suite_b ok", b.get(120, TimeUnit.SECONDS));
    try (Connection sa = open("sandbox-suite_a")) {
      assertEquals("0", value(sa, "SELECT count(*) FROM cities WHERE name = 'renamed by suite_b'"));
      assertEquals("1", value(sa, "SELECT count(*) FROM cities WHERE name = 'renamed by suite_a'"));
    }
    try (Connection t = open(DATABASE)) {
      assertEquals(twinPeople, value(t, PEOPLE), "the twin's synthetic rows are unchanged");
      assertEquals(twinCities, value(t, CITIES), "the twin's public rows are unchanged");
    }
    try (Connection c = DriverManager.getConnection(SOURCE, LocalPostgres.props())) {
      assertEquals(sourceCities, value(c, CITIES), "the source is unchanged");
    }
  }

  /** A test suite's writes in its own sandbox: insert with RETURNING, update, delete, a rollback, DDL. */
  private static String suite(String name) {
    try (Connection c = open("sandbox-" + name); Statement s = c.createStatement()) {
      long before = Long.parseLong(value(c, "SELECT count(*) FROM people"));
      String id = value(c, "INSERT INTO people (city_id, email, age) VALUES (1, '" + name + "@test', 30) RETURNING id");
      assertTrue(Long.parseLong(id) > before, "the sequence continues after the synthetic keys");
      assertEquals(1, s.executeUpdate("UPDATE cities SET name = 'renamed by " + name + "' WHERE id = 2"));
      s.executeUpdate("DELETE FROM people WHERE id = 1");
      c.setAutoCommit(false);
      s.executeUpdate("DELETE FROM people");
      c.rollback();
      c.setAutoCommit(true);
      assertEquals(Long.toString(before), value(c, "SELECT count(*) FROM people"), "one in, one out, the rest rolled back");
      s.execute("ALTER TABLE people ADD COLUMN nickname text");
      s.execute("CREATE TABLE audit (id bigserial PRIMARY KEY, what text NOT NULL)");
      s.execute("INSERT INTO audit (what) VALUES ('" + name + "')");
      s.execute("CREATE INDEX people_age ON people (age)");
      assertEquals("0", value(c, "SELECT count(*) FROM people WHERE email LIKE '" + CANARY + "%'"));
      return name + " ok";
    } catch (SQLException e) {
      throw new IllegalStateException(name + ": [" + e.getSQLState() + "] " + e.getMessage(), e);
    }
  }

  @Test
  void resetRestoresTheTwinsContentExactly() throws Exception {
    String twinPeople;
    try (Connection t = open(DATABASE)) {
      twinPeople = value(t, PEOPLE);
    }
    try (Connection c = open("sandbox-reset_me"); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM people WHERE id % 2 = 0");
      assertNotEquals(twinPeople, value(c, PEOPLE));
    }
    twin().resetSandbox("reset_me");
    try (Connection c = open("sandbox-reset_me")) {
      assertEquals(twinPeople, value(c, PEOPLE));
    }
    twin().dropSandbox("reset_me");
    assertFalse(twin().sandboxDatabases().stream().anyMatch(d -> d.endsWith("_sbx_reset_me")));
  }

  @Test
  void anEphemeralSandboxEndsWithItsConnection() throws Exception {
    String db;
    try (Connection c = open("sandbox-"); Statement s = c.createStatement()) {
      db = value(c, "SELECT current_database()");
      assertTrue(db.contains("_eph_"), db);
      s.executeUpdate("TRUNCATE cities CASCADE");
      assertEquals("0", value(c, "SELECT count(*) FROM people"));
      assertTrue(twin().sandboxDatabases().contains(db));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (twin().sandboxDatabases().contains(db) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertFalse(twin().sandboxDatabases().contains(db), "the ephemeral sandbox outlived its connection");
    try (Connection t = open(DATABASE)) {
      assertEquals("6", value(t, "SELECT count(*) FROM cities"), "the truncation stayed in the sandbox");
    }
  }

  @Test
  void aBadNameIsRefusedAndTheNumberOfSandboxesIsCapped() throws Exception {
    SQLException bad = assertThrows(SQLException.class, () -> open("sandbox-Not Valid").close());
    assertEquals("3D000", bad.getSQLState());
    assertTrue(bad.getMessage().contains("lower-case letters, digits and _"), bad.getMessage());
    List<String> made = new ArrayList<>();
    try {
      int existing = twin().sandboxDatabases().size();
      for (int i = existing; i < RunningTwin.SANDBOX_CAP; i++) {
        twin().sandbox("cap_" + i);
        made.add("cap_" + i);
      }
      SQLException full = assertThrows(SQLException.class, () -> open("sandbox-one_too_many").close());
      assertEquals("53400", full.getSQLState());
      assertTrue(full.getMessage().contains("sandbox limit reached: " + RunningTwin.SANDBOX_CAP), full.getMessage());
    } finally {
      for (String name : made) {
        twin().dropSandbox(name);
      }
    }
  }

  @Test
  void theSandboxCommandCreatesListsResetsAndDropsAndATimeToLiveEnds() throws Exception {
    String home = dir.resolve("home").toString();
    String created = Cli.run("sandbox", "create", "cli_box", "--source", SOURCE, "--home", home);
    assertTrue(created.contains("sandbox cli_box ready") && created.contains("dbname=sandbox-cli_box"), created);
    try (Connection c = open("sandbox-cli_box"); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM cities WHERE id = 6 AND NOT EXISTS (SELECT 1 FROM people WHERE city_id = 6)");
      s.executeUpdate("INSERT INTO cities VALUES (7, 'Seventh')");
    }
    assertTrue(Cli.run("sandbox", "list", "--source", SOURCE, "--home", home).contains("_sbx_cli_box"));
    Cli.run("sandbox", "reset", "cli_box", "--source", SOURCE, "--home", home);
    try (Connection c = open("sandbox-cli_box")) {
      assertEquals("6", value(c, "SELECT count(*) FROM cities"), "reset restored the twin's rows");
    }
    Cli.run("sandbox", "drop", "cli_box", "--source", SOURCE, "--home", home);
    assertFalse(Cli.run("sandbox", "list", "--source", SOURCE, "--home", home).contains("_sbx_cli_box"));

    String ttl = Cli.run("sandbox", "create", "short_lived", "--ttl", "1s", "--source", SOURCE, "--home", home);
    assertTrue(ttl.contains("dropped in 1s"), ttl);
    long expiry = System.currentTimeMillis() + 2_000;
    while (System.currentTimeMillis() < expiry) {
      Thread.sleep(50);
    }
    server.twin().orElseThrow().refresh();
    assertFalse(twin().sandboxDatabases().stream().anyMatch(d -> d.endsWith("_sbx_short_lived")),
        "a sandbox past its time to live is dropped by the next check");
    String bad = Cli.fails("sandbox", "create", "ttl_bad", "--ttl", "soon", "--source", SOURCE, "--home", home);
    assertTrue(bad.contains("--ttl: 'soon' (expected: a duration such as 45s, 30m, 2h, 1d)"), bad);
  }

  @Test
  void flywayMigratesASandboxAndLeavesTheTwinAlone() throws Exception {
    org.flywaydb.core.api.output.MigrateResult result = org.flywaydb.core.Flyway.configure()
        .dataSource("jdbc:postgresql://127.0.0.1:" + server.port() + "/sandbox-flyway", "postgres", null)
        .locations("classpath:io/surrogate/it/twin/flyway")
        // the sandbox holds the application's existing schema, as production does: baseline it, then migrate
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    assertEquals(2, result.migrationsExecuted, "both migrations ran");
    try (Connection c = open("sandbox-flyway")) {
      assertEquals("2", value(c, "SELECT count(*) FROM flyway_schema_history"
          + " WHERE success AND version IN ('1', '2')"));
      assertEquals("5", value(c, "SELECT count(*) FROM visits"));
    }
    try (Connection t = open(DATABASE)) {
      assertEquals(null, value(t, "SELECT to_regclass('visits')::text"), "the migration stayed in its sandbox");
      assertEquals("0", value(t, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'nickname'"));
    }
    twin().dropSandbox("flyway");
  }

  @Test
  void djangoMigrateRunsInASandboxAndLeavesTheTwinAlone() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(python("-c", "import django, psycopg2")[0].equals("0"),
        "Django or psycopg2 not installed for /usr/bin/python3 (Debian python3-django, python3-psycopg2)");
    Path script = Path.of(SandboxIT.class.getResource("django_app.py").toURI());
    String[] run = python(script.toString(), "migrate", "sandbox-django", Integer.toString(server.port()),
        "postgres");
    assertEquals("0", run[0], run[1]);
    assertTrue(run[1].contains("group True") && run[1].matches("(?s).*migrations [1-9]\\d*\n.*"), run[1]);
    try (Connection t = open(DATABASE)) {
      assertEquals(null, value(t, "SELECT to_regclass('auth_user')::text"), "the migration stayed in its sandbox");
    }
    twin().dropSandbox("django");
  }

  /** {exit code, output and errors} of /usr/bin/python3 with {@code args}; "-1" when it cannot start. */
  private static String[] python(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3"));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      return new String[] {"-1", e.getMessage()};
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in 300 s");
    }
    return new String[] {Integer.toString(p.exitValue()), out};
  }

  private static String value(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
