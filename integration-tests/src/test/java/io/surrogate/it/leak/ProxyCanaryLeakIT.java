package io.surrogate.it.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same canary query shapes as {@link CanaryLeakIT}, sent with pgJDBC through the PostgreSQL wire proxy. */
class ProxyCanaryLeakIT {
  private static final String SOURCE = "jdbc:h2:mem:leak_proxy_it;DB_CLOSE_DELAY=-1";
  private static Connection keepAlive;
  private static ProxyServer server;
  private static Connection client;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    keepAlive = DriverManager.getConnection(SOURCE);
    new LeakFixture(20261123L).create(keepAlive);
    Path policy = dir.resolve("leak.yaml");
    Files.writeString(policy, CanaryLeakIT.POLICY, StandardCharsets.UTF_8);
    ProxyConfig config = ProxyConfig.builder().port(0).sourceUrl(SOURCE)
        .driverProperty("policy", policy.toString())
        .driverProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath())
        .build();
    server = new ProxyServer(config);
    int port = server.start();
    Properties p = new Properties();
    p.setProperty("user", "analyst");
    p.setProperty("socketTimeout", "120");
    client = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/leak", p);
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    keepAlive.close();
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("io.surrogate.it.leak.CanaryLeakIT#shapes")
  void noCanaryEscapesThroughTheProxy(String sql, CanaryLeakIT.Expect expect, List<String> states) throws Exception {
    String seen;
    try (Statement s = client.createStatement()) {
      boolean hasResult = s.execute(sql);
      seen = hasResult ? CanaryLeakIT.dump(s.getResultSet()) : "update count " + s.getUpdateCount();
      if (sql.startsWith("EXPLAIN")) {
        seen = CanaryLeakIT.withoutEcho(sql, seen);
      }
      if (expect == CanaryLeakIT.Expect.REFUSED) {
        fail("expected refusal " + states + " but it ran: " + CanaryLeakIT.abbreviate(seen));
      }
    } catch (SQLException e) {
      seen = CanaryLeakIT.withoutEcho(sql, CanaryLeakIT.chain(e));
      if (expect == CanaryLeakIT.Expect.ROWS) {
        fail("expected rows but refused [" + e.getSQLState() + "]: " + e.getMessage(), e);
      }
      assertNotNull(e.getSQLState(), "refusal carries a SQLSTATE: " + e.getMessage());
      if (expect == CanaryLeakIT.Expect.REFUSED) {
        assertTrue(states.contains(e.getSQLState()),
            "SQLSTATE " + e.getSQLState() + " not in " + states + ": " + e.getMessage());
      }
    }
    CanaryLeakIT.assertNoCanary("proxy: " + sql, seen);
    try (Statement s = client.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM branches WHERE code = 'A'")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getLong(1), "the connection still answers after: " + sql);
    }
  }
}
