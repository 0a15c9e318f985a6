package io.surrogate.driver.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.driver.internal.DriverConfig;
import io.surrogate.driver.internal.Engines;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Builds the twin of a source database on the local PostgreSQL (a database created for this class) and checks
 * its schema against the source's dump, its synthetic rows against the Calcite engine's, and that no canary of a
 * sensitive table reaches it; skipped when PostgreSQL or pg_dump is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwinBuilderTest {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String USER = "postgres";
  private static final String CANARY = "Canary-7f3a9";

  private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final String sourceDb = "twsrc_" + suffix;
  private final String twinDb = "twtwin_" + suffix;
  private Properties properties;
  private TwinReport report;

  @BeforeAll
  void buildTwin(@TempDir Path dir) throws Exception {
    try (Connection c = DriverManager.getConnection(SERVER + "test", USER, ""); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + sourceDb);
    } catch (SQLException e) {
      Assumptions.abort("PostgreSQL unreachable at " + SERVER + ": " + e.getMessage());
    }
    try (Connection c = source(); Statement s = c.createStatement()) {
      s.execute(new String(TwinBuilderTest.class.getResourceAsStream("twin-source.sql").readAllBytes(),
          StandardCharsets.UTF_8).replace("CANARY", CANARY));
    }
    Path policy = Files.writeString(dir.resolve("surrogate.yaml"), """
        default: synthetic
        tables:
          countries: { mode: real }
          documents: { mode: real }
          customers:
            epsilon: 5.0
            rows: 300
            columns:
              age: { bounds: [0, 120] }
              balance: { bounds: [0, 9999] }
              email: { pii: email }
              note: { pii: text }
          orders:
            epsilon: 5.0
            columns:
              qty: { bounds: [1, 9] }
              total: { bounds: [0, 9999] }
          events:
            epsilon: 5.0
            rows: 200
          readings: { mode: real }
          profiles:
            epsilon: 5.0
            columns:
              bio: { pii: text }
              tags: { fill: null }
              words: { fill: { sql: "to_tsvector('simple', bio)" } }
              rank: { bounds: [1, 50] }
        """, StandardCharsets.UTF_8);
    properties = new Properties();
    properties.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath() + ";AUTO_SERVER=TRUE");
    properties.setProperty("policy", policy.toString());
    properties.setProperty("seed", "11");
    properties.setProperty("partitionSize", "64");
    properties.setProperty("user", USER);
    // the reference rows come from the Calcite engine, which a PostgreSQL source's connections skip by default
    properties.setProperty("twin", "none");
    try {
      new PgTools(null).pgDumpMajor();
    } catch (SQLException e) {
      Assumptions.abort("pg_dump not runnable: " + e.getMessage());
    }
    report = new TwinBuilder(null, 2).build(config(), new TwinTarget(SERVER + "test", USER, null, twinDb));
  }

  @AfterAll
  void drop() throws SQLException {
    Engines.closeIdle();
    try (Connection c = DriverManager.getConnection(SERVER + "test", USER, ""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + twinDb + " WITH (FORCE)");
      s.execute("DROP DATABASE IF EXISTS " + sourceDb + " WITH (FORCE)");
    } catch (SQLException ignored) {
      // the server was unreachable: nothing was created
    }
  }

  private DriverConfig config() throws SQLException {
    return DriverConfig.parse("jdbc:surrogate:postgresql://127.0.0.1:5432/" + sourceDb, properties);
  }

  private Connection source() throws SQLException {
    return DriverManager.getConnection(SERVER + sourceDb, USER, "");
  }

  private Connection twin() throws SQLException {
    return DriverManager.getConnection(SERVER + twinDb, USER, "");
  }

  @Test
  void schemaDumpEqualsTheSourcesApartFromOwners() throws Exception {
    String source = schemaDump(sourceDb);
    String twin = schemaDump(twinDb);
    if (!source.equals(twin)) {
      Files.writeString(Path.of("target", "twin-source-schema.sql"), source, StandardCharsets.UTF_8);
      Files.writeString(Path.of("target", "twin-twin-schema.sql"), twin, StandardCharsets.UTF_8);
    }
    assertEquals(source, twin, "schema dumps differ (see target/twin-*-schema.sql)");
  }

  @Test
  void syntheticRowsAreTheCalciteEnginesRows() throws SQLException {
    for (String table : List.of("customers", "orders")) {
      List<List<String>> served = rows("jdbc:surrogate:postgresql://127.0.0.1:5432/" + sourceDb, properties,
          "SELECT * FROM " + table);
      Properties plain = new Properties();
      plain.setProperty("user", USER);
      List<List<String>> twin = rows(SERVER + twinDb, plain, "SELECT * FROM " + table + " ORDER BY id");
      assertFalse(twin.isEmpty(), table);
      assertEquals(served, twin, table);
      assertEquals((long) twin.size(), report.syntheticRows().get("\"public\".\"" + table + "\""), table);
    }
  }

  @Test
  void noCanaryOfASensitiveTableReachesTheTwin() throws Exception {
    String data = run("pg_dump", "--data-only", "-h", "127.0.0.1", "-U", USER, "-d", twinDb);
    assertTrue(data.contains("COPY public.customers"), "dump has the synthetic customers");
    assertFalse(data.contains(CANARY), "a sensitive canary reached the twin");
    assertFalse(data.contains("sensitive-note"), "a sensitive real value reached the twin");
  }

  @Test
  void publicTablesAreCopiedAsTheyAre() throws SQLException {
    String q = "SELECT code, name FROM countries ORDER BY code";
    String d = "SELECT id, body, tags, doc FROM documents ORDER BY id";
    Properties plain = new Properties();
    plain.setProperty("user", USER);
    assertEquals(rows(SERVER + sourceDb, plain, q), rows(SERVER + twinDb, plain, q));
    assertEquals(rows(SERVER + sourceDb, plain, d), rows(SERVER + twinDb, plain, d));
  }

  @Test
  void columnsNoGeneratorModelsAreFilledNotRefused() throws SQLException {
    Properties plain = new Properties();
    plain.setProperty("user", USER);
    List<List<String>> profiles = rows(SERVER + twinDb, plain, "SELECT encode(photo, 'hex'), tags,"
        + " words = to_tsvector('simple', bio), rank BETWEEN 1 AND 50, bio LIKE '%CANARY%' FROM profiles");
    assertFalse(profiles.isEmpty());
    for (List<String> row : profiles) {
      assertEquals(Arrays.asList("", null, "t", "t", "f"), row,
          "photo (NOT NULL, not modelled) is the empty bytea, tags fill: null, words its expression, rank the"
              + " domain's integer within bounds");
    }
  }

  @Test
  void aPublicPartitionedTableIsCopied() throws SQLException {
    String q = "SELECT id, at, v FROM readings ORDER BY id";
    Properties plain = new Properties();
    plain.setProperty("user", USER);
    assertEquals(120, rows(SERVER + twinDb, plain, q).size());
    assertEquals(rows(SERVER + sourceDb, plain, q), rows(SERVER + twinDb, plain, q));
  }

  @Test
  void foreignKeysHoldAndSequencesContinue() throws SQLException {
    try (Connection c = twin(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id"
          + " WHERE c.id IS NULL");
      rs.next();
      assertEquals(0, rs.getLong(1));
      rs = s.executeQuery("SELECT max(id) FROM customers");
      rs.next();
      long max = rs.getLong(1);
      c.setAutoCommit(false);
      rs = s.executeQuery("INSERT INTO customers (age, country) VALUES (30, 'FR') RETURNING id");
      rs.next();
      assertEquals(max + 1, rs.getLong(1));
      c.rollback();
      c.setAutoCommit(true);
      rs = s.executeQuery("SELECT count(*) FROM order_counts");
      rs.next();
      assertTrue(rs.getLong(1) > 0, "the materialized view was refreshed over synthetic rows");
    }
  }

  @Test
  void aFailedBuildLeavesTheTwinAsItWas() throws SQLException {
    try (Connection c = source(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE customers ADD CONSTRAINT note_kind CHECK (note = 'n' OR note LIKE 'Canary%')");
    }
    try {
      SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> new TwinBuilder(null, 2).build(config(), new TwinTarget(SERVER + "test", USER, null, twinDb)));
      assertTrue(e.getMessage().contains("note_kind"), e.getMessage());
      assertEquals("23514", e.getSQLState());
    } finally {
      try (Connection c = source(); Statement s = c.createStatement()) {
        s.execute("ALTER TABLE customers DROP CONSTRAINT note_kind");
      }
    }
    try (Connection c = twin(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM customers")) {
      rs.next();
      assertEquals(300, rs.getLong(1));
    }
  }

  private static List<List<String>> rows(String url, Properties p, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v == null ? null : v instanceof Number num
              ? new BigDecimal(num.toString()).stripTrailingZeros().toPlainString() : rs.getString(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  private static String schemaDump(String db) throws Exception {
    String dump = run("pg_dump", "--schema-only", "--no-owner", "--no-privileges", "-h", "127.0.0.1", "-U", USER,
        "-d", db);
    StringBuilder b = new StringBuilder();
    for (String line : dump.split("\n")) {
      if (!line.startsWith("-- Dumped") && !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict")) {
        b.append(line).append('\n');
      }
    }
    return b.toString();
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
