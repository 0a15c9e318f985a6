package io.surrogate.it.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.it.Cli;
import io.surrogate.it.LocalPostgres;
import io.surrogate.proxy.ProxyServer;
import io.surrogate.proxy.relay.ServedTwin;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retraining while the twin serves: {@code surrogate train} stores a new model, the twin builds a new generation,
 * new sessions read the new rows while a session opened before keeps reading the old ones, whole, and the old
 * generation is dropped once that session ends.
 */
class TwinRetrainIT {
  private static final String DATABASE = LocalPostgres.name("twin_retrain_it_");
  private static final String SOURCE = LocalPostgres.url(DATABASE);

  @TempDir
  static Path dir;
  private static ProxyServer server;
  private static boolean created;
  private static Path policy;
  private static String catalog;

  @BeforeAll
  static void setUp() throws Exception {
    LocalPostgres.createOrSkip(DATABASE);
    created = true;
    try (Connection c = DriverManager.getConnection(SOURCE, LocalPostgres.props()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE towns (id int PRIMARY KEY, name text NOT NULL)");
      s.execute("INSERT INTO towns SELECT g, 'Town ' || g FROM generate_series(1, 4) g");
      s.execute("CREATE TABLE members (id int PRIMARY KEY, town_id int NOT NULL REFERENCES towns (id),"
          + " age int NOT NULL, score numeric(6,2) NOT NULL)");
      s.execute("INSERT INTO members SELECT g, 1 + g % 4, 18 + g % 60, (g % 97) * 1.5 FROM generate_series(1, 500) g");
    }
    policy = Files.writeString(dir.resolve("surrogate.yaml"), """
        default: synthetic
        privacy: { epsilon: 2.0, delta: 1e-9, budget: 20.0 }
        seed: 3
        tables:
          towns: { mode: real }
          members:
            columns:
              age: { bounds: [0, 100] }
              score: { bounds: [0, 200] }
        """, StandardCharsets.UTF_8);
    catalog = TwinProxies.catalog(dir);
    // the test asks for each check itself, so no periodic check races it
    server = TwinProxies.start(SOURCE, policy, catalog, dir, Duration.ZERO);
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

  private static Connection proxy() throws SQLException {
    return TwinProxies.connect(server, DATABASE);
  }

  @Test
  void aRetrainedModelReachesNewSessionsWhileAnOpenSessionKeepsItsGeneration() throws Exception {
    ServedTwin twin = server.twin().orElseThrow();
    assertFalse(twin.refresh(), "nothing was retrained: the twin stays as it is");
    try (Connection before = proxy()) {
      String oldDatabase = value(before, "SELECT current_database()");
      List<String> oldRows = rows(before, "SELECT id, town_id, age, score FROM members ORDER BY id");
      assertFalse(oldRows.isEmpty());

      String trained = Cli.run("train", "--table", "members", "--policy", policy.toString(), "--catalog", catalog,
          "--source", SOURCE, "--user", "postgres");
      assertTrue(trained.contains("trained members: version 2"), trained);

      assertTrue(twin.refresh(), "version 2 of members makes a new generation");
      try (Connection after = proxy()) {
        assertNotEquals(oldDatabase, value(after, "SELECT current_database()"));
        List<String> newRows = rows(after, "SELECT id, town_id, age, score FROM members ORDER BY id");
        assertNotEquals(oldRows, newRows, "new sessions read the retrained model's rows");
        assertEquals("0", value(after, "SELECT count(*) FROM members m LEFT JOIN towns t ON t.id = m.town_id"
            + " WHERE t.id IS NULL"), "foreign keys hold in the new generation");
      }
      assertEquals(oldRows, rows(before, "SELECT id, town_id, age, score FROM members ORDER BY id"),
          "the open session keeps reading its generation, whole");
      assertEquals(List.of(oldDatabase), twin.retiredGenerations());
    }
    assertFalse(twin.refresh());
    assertEquals(List.of(), twin.retiredGenerations(), "the old generation is dropped once its session ended");
  }

  private static String value(Connection c, String sql) throws SQLException {
    return rows(c, sql).get(0);
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }
}
