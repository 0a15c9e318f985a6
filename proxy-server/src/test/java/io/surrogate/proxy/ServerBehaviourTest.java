package io.surrogate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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

/** Authentication, limits, cancel and bad input over real sockets. */
class ServerBehaviourTest {
  private static final String SLOW = "select count(*) from numbers a, numbers b, numbers c";
  private static H2Engine engine;

  @BeforeAll
  static void create() throws Exception {
    engine = new H2Engine(3000);
  }

  @AfterAll
  static void drop() throws Exception {
    engine.close();
  }

  /** Whether some engine session is executing a statement containing {@code fragment} right now. */
  private static boolean engineIsExecuting(String fragment) {
    try (Connection c = engine.open("probe", "db"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
            + " WHERE EXECUTING_STATEMENT LIKE '%" + fragment + "%' AND SESSION_ID <> SESSION_ID()")) {
      return rs.next() && rs.getLong(1) > 0;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection connect(int port, String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("socketTimeout", "30");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/db", p);
  }

  @Test
  void scramAcceptsTheRightPasswordAndRefusesOthers() throws Exception {
    ProxyConfig config = ProxyConfig.builder().port(0).user("ann", "Tr0ub4dor&3".toCharArray()).build();
    try (ProxyServer server = new ProxyServer(config, engine)) {
      int port = server.start();
      try (Connection c = connect(port, "ann", "Tr0ub4dor&3"); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select count(*) from items")) {
        assertTrue(rs.next());
        assertEquals(3, rs.getInt(1));
      }
      SQLException wrong = assertThrows(SQLException.class, () -> connect(port, "ann", "guess"));
      assertEquals("28P01", wrong.getSQLState());
      assertTrue(wrong.getMessage().contains("password authentication failed for user \"ann\""));
      SQLException unknown = assertThrows(SQLException.class, () -> connect(port, "bob", "Tr0ub4dor&3"));
      assertEquals("28P01", unknown.getSQLState());
    }
  }

  /**
   * Failed logins from one address are answered ever later (50, 100, 200, 400 ms here), still with PostgreSQL's
   * FATAL 28P01; the right password then waits as long as a failure would. Only lower bounds on elapsed time are
   * asserted: a loaded machine can make answers slower, never faster.
   */
  @Test
  void failedLoginsAreAnsweredAfterAGrowingDelay() throws Exception {
    ProxyConfig config = ProxyConfig.builder().port(0).authDelay(Duration.ofMillis(50))
        .user("ann", "Tr0ub4dor&3".toCharArray()).build();
    try (ProxyServer server = new ProxyServer(config, engine)) {
      int port = server.start();
      long start = System.nanoTime();
      for (int i = 0; i < 4; i++) {
        SQLException wrong = assertThrows(SQLException.class, () -> connect(port, "ann", "guess"));
        assertEquals("28P01", wrong.getSQLState());
        assertTrue(wrong.getMessage().contains("password authentication failed for user \"ann\""),
            wrong.getMessage());
      }
      long failing = System.nanoTime() - start;
      assertTrue(failing >= TimeUnit.MILLISECONDS.toNanos(50 + 100 + 200 + 400), failing / 1_000_000 + " ms");
      long right = System.nanoTime();
      try (Connection c = connect(port, "ann", "Tr0ub4dor&3")) {
        assertTrue(c.isValid(5));
      }
      long succeeding = System.nanoTime() - right;
      assertTrue(succeeding >= TimeUnit.MILLISECONDS.toNanos(800), succeeding / 1_000_000 + " ms");
      waitFor(() -> server.activeSessions() == 0);
    }
  }

  @Test
  void refusesConnectionsBeyondTheLimit() throws Exception {
    try (ProxyServer server = new ProxyServer(ProxyConfig.builder().port(0).maxConnections(2).build(), engine)) {
      int port = server.start();
      try (Connection a = connect(port, "u", null); Connection b = connect(port, "u", null)) {
        SQLException e = assertThrows(SQLException.class, () -> connect(port, "u", null));
        assertEquals("53300", e.getSQLState());
        assertTrue(a.isValid(5) && b.isValid(5));
      }
      waitFor(() -> server.activeSessions() == 0);
      try (Connection c = connect(port, "u", null)) {
        assertTrue(c.isValid(5));
      }
    }
  }

  @Test
  void statementTimeoutCancelsWith57014AndSessionSurvives() throws Exception {
    ProxyConfig config = ProxyConfig.builder().port(0).statementTimeout(Duration.ofMillis(300)).build();
    try (ProxyServer server = new ProxyServer(config, engine)) {
      int port = server.start();
      try (Connection c = connect(port, "u", null); Statement st = c.createStatement()) {
        long start = System.nanoTime();
        SQLException e = assertThrows(SQLException.class, () -> st.executeQuery(SLOW));
        assertEquals("57014", e.getSQLState());
        assertTrue(e.getMessage().contains("statement timeout"), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));
        assertEquals("3", PgJdbcTest.single(st, "select count(*) from items"));
      }
    }
  }

  @Test
  void cancelRequestStopsTheRunningQuery() throws Exception {
    try (ProxyServer server = new ProxyServer(ProxyConfig.builder().port(0).build(), engine)) {
      int port = server.start();
      try (Connection c = connect(port, "u", null); Statement st = c.createStatement()) {
        CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(() -> {
          try {
            st.executeQuery(SLOW);
            return null;
          } catch (SQLException e) {
            return e;
          }
        });
        // pgJDBC sends one cancel per execution; it goes once the proxy has the query, else it could find the
        // session idle and, as in PostgreSQL, do nothing.
        waitFor(() -> server.queriesInProgress() > 0);
        st.cancel();
        SQLException e = failure.get(20, TimeUnit.SECONDS);
        assertEquals("57014", e.getSQLState());
        assertTrue(e.getMessage().contains("user request"), e.getMessage());
        assertEquals("3", PgJdbcTest.single(st, "select count(*) from items"));
      }
    }
  }

  @Test
  void cancelRequestWhileIdleDoesNothing() throws Exception {
    try (ProxyServer server = new ProxyServer(ProxyConfig.builder().port(0).build(), engine)) {
      int port = server.start();
      try (Connection c = connect(port, "u", null); Statement st = c.createStatement()) {
        assertEquals("3", PgJdbcTest.single(st, "select count(*) from items"));
        // Sent while the session is idle: PostgreSQL ignores it, and so must the proxy, for this and later queries.
        c.unwrap(org.postgresql.core.BaseConnection.class).cancelQuery();
        assertEquals("3", PgJdbcTest.single(st, "select count(*) from items"));
        assertEquals(0, server.queriesInProgress());
      }
    }
  }

  @Test
  void idleSessionsAreClosedWith57P05() throws Exception {
    ProxyConfig config = ProxyConfig.builder().port(0).idleTimeout(Duration.ofMillis(300)).build();
    try (ProxyServer server = new ProxyServer(config, engine)) {
      int port = server.start();
      try (Connection c = connect(port, "u", null); Statement st = c.createStatement()) {
        assertEquals("3", PgJdbcTest.single(st, "select count(*) from items"));
        Thread.sleep(1500);
        SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("select 1"));
        // pgJDBC reports the server's FATAL 57P05, or 08xxx when it notices the closed socket first.
        String state = String.valueOf(e.getSQLState());
        assertTrue(state.equals("57P05") || state.startsWith("08"), state + " " + e.getMessage());
      }
      waitFor(() -> server.activeSessions() == 0);
    }
  }

  @Test
  void closeLetsRunningQueriesFinish() throws Exception {
    ProxyServer server = new ProxyServer(ProxyConfig.builder().port(0).build(), engine);
    int port = server.start();
    try (Connection c = connect(port, "u", null); Statement st = c.createStatement()) {
      CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> {
        try {
          return PgJdbcTest.single(st, "select count(*) from numbers g1, numbers g2");
        } catch (SQLException e) {
          return e.getSQLState() + " " + e.getMessage();
        }
      });
      // Close only once the engine is really executing this query (aliases unique to this test: earlier tests'
      // cancelled statements may still be winding down in H2).
      waitFor(() -> engineIsExecuting("numbers g1, numbers g2"));
      server.close();
      assertEquals("9000000", result.get(60, TimeUnit.SECONDS));
      waitFor(() -> server.activeSessions() == 0);
    }
  }

  @Test
  void transactionStatusAndAbortedBlock() throws Exception {
    try (ProxyServer server = new ProxyServer(ProxyConfig.builder().port(0).build(), engine)) {
      int port = server.start();
      try (Connection c = connect(port, "u", null)) {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          assertEquals("3", PgJdbcTest.single(st, "select count(*) from items"));
          assertThrows(SQLException.class, () -> st.executeQuery("select nope from items"));
          SQLException aborted = assertThrows(SQLException.class, () -> st.executeQuery("select 1"));
          assertEquals("25P02", aborted.getSQLState());
          c.rollback();
          assertEquals("3", PgJdbcTest.single(st, "select count(*) from items"));
        }
        c.commit();
      }
    }
  }

  @Test
  void badInputGetsErrorResponseAndOtherSessionsContinue() throws Exception {
    ProxyConfig config = ProxyConfig.builder().port(0).maxMessageSize(4096).build();
    try (ProxyServer server = new ProxyServer(config, engine)) {
      int port = server.start();
      try (Connection healthy = connect(port, "u", null); Statement st = healthy.createStatement()) {
        assertEquals(List.of("E:08P01", "closed"), raw(port, out -> {
          out.writeByte('Q');
          out.writeInt(1 << 20);
        }));
        assertEquals(List.of("E:08P01", "closed"), raw(port, out -> {
          out.writeByte('y');
          out.writeInt(4);
        }));
        assertEquals(List.of("E:08P01", "closed"), raw(port, out -> {
          out.writeByte('Q');
          out.writeInt(9);
          out.writeBytes("abcde");
        }));
        List<String> refused = raw(port, out -> {
          byte[] sql = "select * from no_such_table\0".getBytes(StandardCharsets.UTF_8);
          out.writeByte('Q');
          out.writeInt(4 + sql.length);
          out.write(sql);
          byte[] ok = "select 1 from items where id = 1\0".getBytes(StandardCharsets.UTF_8);
          out.writeByte('Q');
          out.writeInt(4 + ok.length);
          out.write(ok);
          out.writeByte('X');
          out.writeInt(4);
        });
        assertTrue(refused.get(0).startsWith("E:42"), refused.toString());
        assertEquals(List.of("Z", "T", "D", "C", "Z", "closed"), refused.subList(1, refused.size()));
        assertEquals("3", PgJdbcTest.single(st, "select count(*) from items"));
      }
    }
  }

  /** Writes a raw session after startup; returns each message after the first ReadyForQuery. */
  private static List<String> raw(int port, IoConsumer<DataOutputStream> body) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      byte[] params = "user\0u\0\0".getBytes(StandardCharsets.UTF_8);
      out.writeInt(8 + params.length);
      out.writeInt(196608);
      out.write(params);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      while (readMessage(in).charAt(0) != 'Z') {
        // skip the greeting
      }
      body.accept(out);
      out.flush();
      List<String> seen = new ArrayList<>();
      while (true) {
        String m = readMessage(in);
        seen.add(m);
        if (m.equals("closed")) {
          return seen;
        }
      }
    }
  }

  private static String readMessage(DataInputStream in) throws IOException {
    int type = in.read();
    if (type < 0) {
      return "closed";
    }
    byte[] body = new byte[in.readInt() - 4];
    in.readFully(body);
    if (type == 'E') {
      String fields = new String(body, StandardCharsets.UTF_8);
      int at = fields.indexOf("\0C");
      return "E:" + fields.substring(at + 2, at + 7);
    }
    return String.valueOf((char) type);
  }

  /** A consumer that may throw IOException. */
  interface IoConsumer<T> {
    void accept(T t) throws IOException;
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(condition.getAsBoolean());
  }
}
