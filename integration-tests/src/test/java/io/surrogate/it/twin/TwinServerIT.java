package io.surrogate.it.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.it.LocalPostgres;
import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.ProxyServer;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code twin: jdbc:postgresql://...}: the twin built on a PostgreSQL server the user provides (here the local one),
 * sessions relayed to it as the unprivileged client role; a role that may not create databases is refused, 42501.
 */
class TwinServerIT {
  private static final String DATABASE = LocalPostgres.name("twin_server_it_");
  private static final String TWIN = DATABASE + "_twin";
  private static final String SOURCE = LocalPostgres.url(DATABASE);
  private static final String CANARY = "SERVER-TWIN-CANARY";

  @TempDir
  static Path dir;
  private static ProxyServer server;
  private static boolean created;
  private static Path policy;

  @BeforeAll
  static void setUp() throws Exception {
    LocalPostgres.createOrSkip(DATABASE);
    created = true;
    try (Connection c = DriverManager.getConnection(SOURCE, LocalPostgres.props()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kinds (id int PRIMARY KEY, label text NOT NULL)");
      s.execute("INSERT INTO kinds VALUES (1, 'alpha'), (2, 'beta'), (3, 'gamma')");
      s.execute("CREATE TABLE accounts (id int PRIMARY KEY, kind_id int NOT NULL REFERENCES kinds (id),"
          + " owner text NOT NULL, balance int NOT NULL)");
      s.execute("INSERT INTO accounts SELECT g, 1 + g % 3, '" + CANARY + "' || g, g % 500 FROM generate_series(1, 300) g");
    }
    policy = Files.writeString(dir.resolve("surrogate.yaml"), """
        default: synthetic
        privacy: { epsilon: 2.0, delta: 1e-9, budget: 10.0 }
        tables:
          kinds: { mode: real }
          accounts:
            columns:
              owner: { pii: name }
              balance: { bounds: [0, 500] }
        """, StandardCharsets.UTF_8);
    server = new ProxyServer(config("postgres"));
    server.start();
  }

  private static ProxyConfig config(String builder) {
    return ProxyConfig.builder().port(0).sourceUrl(SOURCE)
        .driverProperty("user", "postgres")
        .driverProperty("policy", policy.toString())
        .driverProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath())
        .twinServer("jdbc:postgresql://127.0.0.1:5432/" + TWIN + "?user=" + builder)
        .build();
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
    if (created) {
      LocalPostgres.drop(TWIN);
      LocalPostgres.drop(DATABASE);
      try (Connection c = DriverManager.getConnection(LocalPostgres.ADMIN, LocalPostgres.props());
           Statement s = c.createStatement()) {
        s.execute("DROP ROLE IF EXISTS twin_server_it_weak");
      }
    }
  }

  @Test
  void sessionsAreRelayedToTheTwinOnTheProvidedServer() throws SQLException {
    Properties p = LocalPostgres.props();
    p.setProperty("socketTimeout", "120");
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + DATABASE,
        p)) {
      assertEquals(List.of(TWIN + "|surrogate_client"), rows(c, "SELECT current_database() || '|' || current_user"));
      assertEquals(List.of("alpha", "beta", "gamma"), rows(c, "SELECT label FROM kinds ORDER BY id"));
      List<String> owners = rows(c, "SELECT owner FROM accounts");
      assertFalse(owners.isEmpty());
      assertTrue(owners.stream().noneMatch(o -> o.contains(CANARY)), "a real owner reached the twin");
      SQLException write = assertThrows(SQLException.class, () -> rows(c, "DELETE FROM kinds RETURNING id"));
      assertEquals("42501", write.getSQLState());
    }
  }

  @Test
  void aRoleThatMayNotCreateDatabasesIsRefused() throws Exception {
    try (Connection c = DriverManager.getConnection(LocalPostgres.ADMIN, LocalPostgres.props());
         Statement s = c.createStatement()) {
      s.execute("DROP ROLE IF EXISTS twin_server_it_weak");
      s.execute("CREATE ROLE twin_server_it_weak LOGIN");
    }
    ProxyServer weak = new ProxyServer(config("twin_server_it_weak"));
    ProxyServer.TwinStartException e = assertThrows(ProxyServer.TwinStartException.class, weak::start);
    assertEquals("42501", e.sqlState());
    assertTrue(e.getMessage().contains("role twin_server_it_weak may not create databases and roles"),
        e.getMessage());
    weak.close();
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
