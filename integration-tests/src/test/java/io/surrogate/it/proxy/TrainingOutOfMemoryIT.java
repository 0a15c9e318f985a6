package io.surrogate.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.it.TestProxies;
import io.surrogate.proxy.ProxyServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training on first use that runs out of memory reaches the client as SQLSTATE 53200 with a hint, stores
 * nothing (the next use trains again), and leaves the session and the proxy usable.
 */
class TrainingOutOfMemoryIT {
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String SCHEMA = "trainoom_it";
  @TempDir
  static Path dir;
  private static ProxyServer server;

  @BeforeAll
  static void start() throws Exception {
    try (Connection admin = TestProxies.postgresWithSchema(POSTGRES, props(), SCHEMA);
        Statement s = admin.createStatement()) {
      s.execute("CREATE TABLE " + SCHEMA + ".readings (id int PRIMARY KEY, v double precision, c text)");
      s.execute("INSERT INTO " + SCHEMA + ".readings SELECT g, g / 3.0, 'c' || (g % 4)"
          + " FROM generate_series(1, 200) g");
      s.execute("CREATE TABLE " + SCHEMA + ".notes (id int PRIMARY KEY, n int)");
      s.execute("INSERT INTO " + SCHEMA + ".notes SELECT g, g % 10 FROM generate_series(1, 50) g");
    }
    server = TestProxies.start(POSTGRES + "?currentSchema=" + SCHEMA, "postgres", """
        default: synthetic
        tables:
          readings: { generator: %s, epsilon: 1.0, budget: 100 }
          notes: { mode: real }
        """.formatted(OutOfMemoryGenerator.NAME), dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
      try (Connection admin = DriverManager.getConnection(POSTGRES, props());
          Statement s = admin.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  private static Properties props() {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    return p;
  }

  @Test
  void anOutOfMemoryTrainingIsA53200AndTheSessionGoesOn() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/test",
        props()); Statement s = c.createStatement()) {
      for (int attempt = 0; attempt < 2; attempt++) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select count(*) from readings"));
        assertEquals("53200", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("training table readings needs more memory than the JVM has"),
            e.getMessage());
        assertTrue(e.getMessage().contains("raise -Xmx or lower max_training_rows"), e.getMessage());
        assertTrue(!e.getMessage().contains("OutOfMemoryError") && !e.getMessage().contains("java."), e.getMessage());
        try (ResultSet rs = s.executeQuery("select 1")) {
          assertTrue(rs.next());
          assertEquals(1, rs.getInt(1));
        }
        try (ResultSet rs = s.executeQuery("select count(*) from notes")) {
          assertTrue(rs.next());
          assertEquals(50, rs.getLong(1), "a real table is still served");
        }
      }
    }
  }
}
