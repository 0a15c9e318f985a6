package io.surrogate.it.multi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.bench.ChinookDatabase;
import io.surrogate.it.TestProxies;
import io.surrogate.proxy.ProxyServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chinook in PostgreSQL (schema {@code chinook_it} of the local server), synthetic tables served through the
 * wire-protocol proxy to pgJDBC at ε = ∞ with the copula generator, the real ones straight from PostgreSQL.
 */
class ChinookProxyIT extends ChinookChecks {
  static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String SCHEMA = "chinook_it";
  @TempDir
  static Path dir;
  private static ProxyServer server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(ChinookDatabase.present(), "shared datasets absent (" + ChinookDatabase.folder().toAbsolutePath()
        + "): Chinook tests skipped");
    Path folder = ChinookDatabase.folder();
    Properties pg = new Properties();
    pg.setProperty("user", "postgres");
    try (Connection admin = TestProxies.postgresWithSchema(POSTGRES, pg, SCHEMA);
        Statement s = admin.createStatement()) {
      s.execute("SET search_path TO " + SCHEMA);
      ChinookDatabase.load(admin, folder);
    }
    server = TestProxies.start(POSTGRES + "?currentSchema=" + SCHEMA, "postgres",
        ChinookDatabase.policy("inf", "copula"), dir);
    port = server.port();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  Connection synthetic() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "analyst");
    p.setProperty("socketTimeout", "120");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/chinook", p);
  }

  @Override
  Connection real() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    return DriverManager.getConnection(POSTGRES + "?currentSchema=" + SCHEMA, p);
  }
}
