package io.surrogate.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.it.TestProxies;
import io.surrogate.proxy.ProxyServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgJDBC's {@code Statement.cancel()} and the server's statement timeout stop a synthetic three-way self-join of a
 * 1,000-row table (10⁹ combinations, minutes of work) that runs on the Calcite engine: the client gets 57014 with
 * PostgreSQL's text, and the session, whose statements run one after another, answers the next statement, so the
 * worker that ran the join has returned. Waits are polls with deadlines far beyond what a cancel needs.
 */
class EngineCancelIT {
  /** Never true (ids are positive, v is bounded to [0, 10]): all 10⁹ combinations are visited in one row. */
  private static final String JOIN =
      "select count(*) from t a, t b, t c where a.id * b.v + b.id * c.v + c.id * a.v = -1";
  /** Far beyond what a cancel needs, well below what the join needs without one (over a minute here). */
  private static final long DEADLINE_SECONDS = 30;
  private static final String POLICY = """
      default: synthetic
      privacy: { epsilon: 1.0, delta: 1e-9, budget: 10.0 }
      seed: 11
      tables:
        t:
          columns:
            v: { bounds: [0, 10] }
      """;
  @TempDir
  static Path dir;
  @TempDir
  static Path timeoutDir;
  private static Connection source;
  private static ProxyServer server;
  private static ProxyServer timeoutServer;

  @BeforeAll
  static void start() throws Exception {
    String name = "enginecancel" + UUID.randomUUID().toString().replace("-", "");
    String sourceUrl = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    source = DriverManager.getConnection(sourceUrl);
    try (Statement st = source.createStatement()) {
      st.execute("create table t (id int primary key, v int)");
      st.execute("insert into t select x, mod(x, 7) from system_range(1, 1000)");
    }
    server = TestProxies.start(sourceUrl, null, POLICY, dir);
    timeoutServer = TestProxies.start(sourceUrl, null, POLICY, timeoutDir,
        b -> b.statementTimeout(Duration.ofSeconds(1)));
    // Trained here, on first use, so that the tests' deadlines measure only the cancelled statements.
    for (ProxyServer s : new ProxyServer[] {server, timeoutServer}) {
      try (Connection c = connect(s)) {
        assertSessionAnswers(c);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (server != null) {
        server.close();
      }
      if (timeoutServer != null) {
        timeoutServer.close();
      }
    } finally {
      source.close();
    }
  }

  private static Connection connect(ProxyServer s) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "analyst");
    p.setProperty("socketTimeout", "300");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + s.port() + "/db", p);
  }

  private static CompletableFuture<SQLException> run(Statement st, String sql) {
    return CompletableFuture.supplyAsync(() -> {
      try (ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return null;
      } catch (SQLException e) {
        return e;
      }
    });
  }

  /** The session answers a statement after the cancelled one: its worker has let go of the join. */
  private static void assertSessionAnswers(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select count(*) from t where v = ?")) {
      ps.setInt(1, 3);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void cancelStopsASyntheticJoin() throws Exception {
    try (Connection c = connect(server); Statement st = c.createStatement()) {
      CompletableFuture<SQLException> query = run(st, JOIN);
      // pgJDBC sends one cancel per execution, and only once its statement is under way; the proxy, like
      // PostgreSQL, ignores a cancel that finds its session idle. So the cancel goes once the proxy has the query.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
      while (server.queriesInProgress() == 0 && !query.isDone() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      st.cancel();
      SQLException e = query.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
      assertNotNull(e, "the join finished instead of being cancelled");
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("canceling statement due to user request"), e.getMessage());
      assertSessionAnswers(c);
    }
  }

  @Test
  void statementTimeoutStopsTheThreeWaySelfJoin() throws Exception {
    try (Connection c = connect(timeoutServer); Statement st = c.createStatement()) {
      SQLException e = run(st, JOIN).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
      assertNotNull(e, "the join finished instead of timing out");
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("canceling statement due to statement timeout"), e.getMessage());
      assertSessionAnswers(c);
    }
  }

  @Test
  void statementTimeoutStopsTheJoinInTheSimpleProtocol() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "analyst");
    p.setProperty("preferQueryMode", "simple");
    p.setProperty("socketTimeout", "300");
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + timeoutServer.port() + "/db", p);
        Statement st = c.createStatement()) {
      SQLException e = run(st, JOIN + " and a.v >= 0").get(DEADLINE_SECONDS, TimeUnit.SECONDS);
      assertNotNull(e, "the join finished instead of timing out");
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("canceling statement due to statement timeout"), e.getMessage());
      try (ResultSet rs = st.executeQuery("select count(*) from t")) {
        assertTrue(rs.next());
      }
    }
  }
}
