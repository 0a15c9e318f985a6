package io.surrogate.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements the engine pushes whole into a real PostgreSQL table run over PostgreSQL's own protocol from the
 * proxy's event loop: the rows are PostgreSQL's, errors keep their SQLSTATE and leave the session usable, the
 * statement timeout cancels on the source, and what cannot pass through (a row limit, a column whose source type
 * differs from what the client was told, a synthetic table) runs on the engine and answers the same.
 */
class PassThroughIT {
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String SCHEMA = "passthrough_it";
  private static final int ROWS = 200;
  @TempDir
  static Path dir;
  private static ProxyServer server;
  private static String proxyUrl;

  @BeforeAll
  static void start() throws Exception {
    try (Connection admin = TestProxies.postgresWithSchema(POSTGRES, props(), SCHEMA);
        Statement s = admin.createStatement()) {
      s.execute("CREATE TABLE " + SCHEMA + ".items (id int PRIMARY KEY, qty bigint, price numeric(8,2),"
          + " label varchar(20), note text, tag name, ok boolean)");
      s.execute("INSERT INTO " + SCHEMA + ".items SELECT g, g * 10, g / 4.0, 'item ' || g,"
          + " CASE WHEN g % 3 = 0 THEN NULL ELSE 'note ' || g END, 'tag' || (g % 5), g % 2 = 0"
          + " FROM generate_series(1, " + ROWS + ") g");
      s.execute("CREATE TABLE " + SCHEMA + ".people (id int PRIMARY KEY, age int)");
      s.execute("INSERT INTO " + SCHEMA + ".people SELECT g, 20 + g % 50 FROM generate_series(1, 300) g");
    }
    server = TestProxies.start(POSTGRES + "?currentSchema=" + SCHEMA, "postgres", """
        default: synthetic
        tables:
          items: { mode: real }
        """, dir);
    proxyUrl = "jdbc:postgresql://127.0.0.1:" + server.port() + "/test";
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
    p.setProperty("prepareThreshold", "1");
    return p;
  }

  @Test
  void pointQueriesPassThroughAndAnswerWhatPostgresAnswers() throws SQLException {
    String sql = "select id, qty, price, label, note, ok from items where id = ?";
    long before = server.passThroughExecutions();
    try (Connection direct = DriverManager.getConnection(POSTGRES + "?currentSchema=" + SCHEMA, props());
        Connection proxied = DriverManager.getConnection(proxyUrl, props());
        PreparedStatement a = direct.prepareStatement(sql); PreparedStatement b = proxied.prepareStatement(sql)) {
      for (int id = 0; id <= ROWS + 1; id++) {
        a.setInt(1, id);
        b.setInt(1, id);
        assertEquals(rows(a), rows(b), "id " + id);
      }
    }
    assertTrue(server.passThroughExecutions() - before >= ROWS,
        "executions passed through: " + (server.passThroughExecutions() - before));
  }

  @Test
  void eightClientsAtOnceGetTheirOwnRows() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int client = t;
        done.add(pool.submit(() -> {
          // The second statement's name column makes the source reject it while calls queue behind its first
          // execution on the same source connection: those must fall back too, never pass rows.
          try (Connection c = DriverManager.getConnection(proxyUrl, props());
              PreparedStatement ps = c.prepareStatement("select id, label from items where id = ?");
              PreparedStatement tags = c.prepareStatement("select id, tag from items where id = ? and qty > 0")) {
            int checked = 0;
            for (int i = 0; i < 300; i++) {
              int id = 1 + (client * 37 + i * 11) % ROWS;
              PreparedStatement st = i % 3 == 0 ? tags : ps;
              st.setInt(1, id);
              try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(id, rs.getInt(1));
                assertEquals(st == tags ? "tag" + (id % 5) : "item " + id, rs.getString(2));
                checked++;
              }
            }
            return checked;
          }
        }));
      }
      for (Future<Integer> f : done) {
        assertEquals(300, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSourceErrorKeepsItsSqlStateAndTheSessionGoesOn() throws SQLException {
    try (Connection proxied = DriverManager.getConnection(proxyUrl, props());
        PreparedStatement bad = proxied.prepareStatement("select qty / (id - id) from items where id = ?");
        PreparedStatement good = proxied.prepareStatement("select label from items where id = ?")) {
      for (int i = 0; i < 3; i++) {
        bad.setInt(1, 5);
        SQLException e = assertThrows(SQLException.class, bad::executeQuery);
        assertEquals("22012", e.getSQLState(), e.getMessage());
        good.setInt(1, 5);
        assertEquals(List.of("item 5"), column(good));
      }
      proxied.setAutoCommit(false);
      good.setInt(1, 6);
      assertEquals(List.of("item 6"), column(good));
      bad.setInt(1, 6);
      assertThrows(SQLException.class, bad::executeQuery);
      good.setInt(1, 7);
      SQLException aborted = assertThrows(SQLException.class, () -> column(good));
      assertEquals("25P02", aborted.getSQLState(), aborted.getMessage());
      proxied.rollback();
      assertEquals(List.of("item 7"), column(good));
    }
  }

  @Test
  void theStatementTimeoutCancelsOnTheSourceEveryTime() throws SQLException {
    try (Connection proxied = DriverManager.getConnection(proxyUrl, props());
        Statement s = proxied.createStatement()) {
      s.execute("SET statement_timeout = 200");
      String slow = "select count(*) from items a, items b, items c, items d where a.id + b.id + c.id + d.id = ?";
      try (PreparedStatement ps = proxied.prepareStatement(slow)) {
        for (int i = 0; i < 3; i++) {
          ps.setInt(1, -i);
          long start = System.nanoTime();
          SQLException e = assertThrows(SQLException.class, ps::executeQuery);
          assertEquals("57014", e.getSQLState(), e.getMessage());
          assertTrue(e.getMessage().contains("statement timeout"), e.getMessage());
          assertTrue(System.nanoTime() - start < 20_000_000_000L, "cancelled, not run to the end");
        }
      }
      s.execute("SET statement_timeout = 0");
      try (PreparedStatement ps = proxied.prepareStatement("select label from items where id = ?")) {
        ps.setInt(1, 9);
        assertEquals(List.of("item 9"), column(ps));
      }
    }
  }

  @Test
  void aLongStatementDoesNotHoldBackOtherClientsShortOnes() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection slowClient = DriverManager.getConnection(proxyUrl, props());
        Connection quickClient = DriverManager.getConnection(proxyUrl, props());
        Statement s = slowClient.createStatement();
        PreparedStatement quick = quickClient.prepareStatement("select label from items where id = ?")) {
      s.execute("SET statement_timeout = 5000");
      quick.setInt(1, 1);
      column(quick);
      Future<SQLException> slow = pool.submit(() -> {
        try (PreparedStatement ps = slowClient.prepareStatement(
            "select count(*) from items a, items b, items c, items d where a.id + b.id + c.id + d.id = ?")) {
          ps.setInt(1, -1);
          ps.executeQuery();
          return null;
        } catch (SQLException e) {
          return e;
        }
      });
      Thread.sleep(300);
      for (int i = 1; i <= 20; i++) {
        quick.setInt(1, i);
        assertEquals(List.of("item " + i), column(quick));
      }
      assertTrue(!slow.isDone(), "the short statements ran while the long one still ran");
      SQLException timedOut = slow.get();
      assertEquals("57014", timedOut == null ? null : timedOut.getSQLState());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClientThatGoesAwayMidStatementHasItCancelledOnTheSource() throws Exception {
    String slow = "select count(*) from items a, items b, items c, items d where a.id + b.id + c.id + d.id = ?";
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection direct = DriverManager.getConnection(POSTGRES, props())) {
      Connection leaving = DriverManager.getConnection(proxyUrl, props());
      pool.submit(() -> {
        try (PreparedStatement ps = leaving.prepareStatement(slow)) {
          ps.setInt(1, -2);
          ps.executeQuery();
        }
        return null;
      });
      assertTrue(waitFor(() -> runningOnSource(direct) == 1), "the statement runs on the source");
      leaving.abort(Runnable::run);
      assertTrue(waitFor(() -> runningOnSource(direct) == 0), "the source stopped it once the client left");
      assertTrue(waitFor(() -> server.activeSessions() == 0), "the session is gone");
      try (Connection next = DriverManager.getConnection(proxyUrl, props());
          PreparedStatement ps = next.prepareStatement("select label from items where id = ?")) {
        ps.setInt(1, 3);
        assertEquals(List.of("item 3"), column(ps));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static int runningOnSource(Connection direct) throws SQLException {
    try (Statement s = direct.createStatement(); ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity"
        + " where state = 'active' and application_name = 'surrogate-proxy' and query like '%COUNT(*)%'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** A condition that may throw. */
  @FunctionalInterface
  private interface Check {
    boolean holds() throws Exception;
  }

  private static boolean waitFor(Check check) throws Exception {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (check.holds()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  @Test
  void whatCannotPassThroughRunsOnTheEngineAndAnswersTheSame() throws SQLException {
    try (Connection direct = DriverManager.getConnection(POSTGRES + "?currentSchema=" + SCHEMA, props());
        Connection proxied = DriverManager.getConnection(proxyUrl, props())) {
      // A name column: the engine describes it as varchar, the source as name, so its rows take the engine path.
      String sql = "select id, tag from items where id = ?";
      try (PreparedStatement a = direct.prepareStatement(sql); PreparedStatement b = proxied.prepareStatement(sql)) {
        for (int id = 1; id <= 3; id++) {
          a.setInt(1, id);
          b.setInt(1, id);
          assertEquals(rows(a), rows(b));
        }
      }
      // A fetch size makes pgJDBC execute with a row limit, which only the engine path serves.
      proxied.setAutoCommit(false);
      try (PreparedStatement b = proxied.prepareStatement("select id from items where id > ? order by id")) {
        b.setFetchSize(7);
        b.setInt(1, 150);
        List<String> ids = column(b);
        assertEquals(50, ids.size());
        assertEquals("151", ids.get(0));
      }
      proxied.commit();
      // A synthetic table never reaches the source.
      try (PreparedStatement b = proxied.prepareStatement("select count(*) from people where id > ?")) {
        b.setInt(1, 0);
        assertEquals(1, column(b).size());
      }
    }
  }

  private static List<String> column(PreparedStatement ps) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static List<String> rows(PreparedStatement ps) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          Object o = rs.getObject(i);
          row.append(rs.getString(i)).append(o == null ? "" : ":" + o.getClass().getSimpleName()).append(' ');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
