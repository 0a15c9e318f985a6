package io.surrogate.driver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.driver.SurrogateConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Statement.cancel()}, {@code setQueryTimeout} and {@link SurrogateConnection#cancelQuery()} stop a synthetic
 * self-join of a 1,000-row table (hours of work) during execution and during planning: the executing
 * thread gets 57014 with PostgreSQL's text and returns, and the connection and statement run the next query. Every
 * wait is on a latch or a poll with a deadline far beyond what a cancelled statement needs.
 */
class CancelTest {
  /**
   * Never true: every one of the 10¹² combinations (hours of work) is visited inside one {@code next()}, so only a
   * check inside the join stops it; a three-way join (10⁹, under a minute here) could end before the deadline.
   */
  private static final String JOIN = "select count(*) from t a, t b, t c, t d where a.id + b.id + c.id + d.id = -1";
  private static final long DEADLINE_SECONDS = 60;
  private static Connection source;
  private static Connection surrogate;
  private static Engine engine;

  @BeforeAll
  static void open(@TempDir Path dir) throws SQLException {
    String name = "cancel" + UUID.randomUUID().toString().replace("-", "");
    source = DriverManager.getConnection("jdbc:h2:mem:" + name);
    try (Statement s = source.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
      s.execute("INSERT INTO t SELECT x, MOD(x, 7) FROM SYSTEM_RANGE(1, 1000)");
    }
    Properties props = new Properties();
    props.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath());
    surrogate = DriverManager.getConnection("jdbc:surrogate:h2:mem:" + name, props);
    engine = surrogate.unwrap(SurrogateSession.class).engine();
    assertTrue(count(surrogate, "select count(*) from t") > 500, "the synthetic table is served");
  }

  @AfterAll
  static void close() throws SQLException {
    try {
      surrogate.close();
    } finally {
      Engines.closeIdle();
      source.close();
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  /** Runs {@code query} on another thread; the future holds what it threw (or null when it returned). */
  private static CompletableFuture<SQLException> run(SqlRunnable query) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        query.run();
        return null;
      } catch (SQLException e) {
        return e;
      }
    });
  }

  /** A JDBC call. */
  @FunctionalInterface
  private interface SqlRunnable {
    void run() throws SQLException;
  }

  /** Waits until an execution has started a scan after {@code before} scans. */
  private static void awaitScan(long before, CompletableFuture<?> query) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
    while (engine.syntheticScans() <= before) {
      assertFalse(query.isDone(), "the query ended before its scans started");
      assertTrue(System.nanoTime() < deadline, "the query did not start within " + DEADLINE_SECONDS + " s");
      Thread.sleep(10);
    }
  }

  private static void assertCanceled(String reason, CompletableFuture<SQLException> query) throws Exception {
    SQLException e = query.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    assertTrue(e != null, "the statement finished instead of being cancelled");
    assertEquals("57014", e.getSQLState(), e.getMessage());
    assertEquals("canceling statement due to " + reason, e.getMessage());
  }

  @Test
  void cancelStopsARunningSelfJoinAndTheStatementRunsAgain() throws Exception {
    try (Statement st = surrogate.createStatement()) {
      long before = engine.syntheticScans();
      CompletableFuture<SQLException> query = run(() -> {
        try (ResultSet rs = st.executeQuery(JOIN)) {
          rs.next();
        }
      });
      awaitScan(before, query);
      st.cancel();
      assertCanceled("user request", query);
      try (ResultSet rs = st.executeQuery("select count(*) from t a, t b where a.id = b.id")) {
        assertTrue(rs.next());
        assertTrue(rs.getLong(1) > 500);
      }
    }
  }

  @Test
  void queryTimeoutStopsARunningSelfJoin() throws Exception {
    try (PreparedStatement ps = surrogate.prepareStatement(JOIN + " and a.id > ?")) {
      ps.setQueryTimeout(1);
      ps.setInt(1, 0);
      CompletableFuture<SQLException> query = run(() -> {
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
        }
      });
      assertCanceled("statement timeout", query);
      // The cancelled prepared statement runs again (Calcite's flag was cleared for the new execution): with no
      // row of a passing the filter, the join has nothing to do.
      ps.setQueryTimeout(0);
      ps.setInt(1, 1_000_000);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1));
      }
    }
  }

  @Test
  void cancelAfterParsingStopsThePlannerAndNothingRuns() throws Exception {
    String sql = JOIN + " and a.v <> " + uniqueLiteral();
    CountDownLatch converted = new CountDownLatch(1);
    CountDownLatch canceled = new CountDownLatch(1);
    AtomicBoolean implemented = new AtomicBoolean();
    try (Statement st = surrogate.createStatement()) {
      long before = engine.syntheticScans();
      CompletableFuture<SQLException> query = run(() -> {
        // The hooks run on the planning thread: it waits, once converted to relational algebra and before the
        // planner optimises, until the cancel has been made.
        try (Hook.Closeable c = Hook.CONVERTED.addThread((java.util.function.Consumer<Object>) rel -> pause(converted, canceled));
            Hook.Closeable i = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread(
                (java.util.function.Consumer<Object>) root -> implemented.set(true));
            ResultSet rs = st.executeQuery(sql)) {
          rs.next();
        }
      });
      assertTrue(converted.await(DEADLINE_SECONDS, TimeUnit.SECONDS), "planning did not start");
      st.cancel();
      canceled.countDown();
      assertCanceled("user request", query);
      assertFalse(implemented.get(), "the planner went on to implement a cancelled statement");
      assertEquals(before, engine.syntheticScans(), "a statement cancelled while planned started to run");
      assertTrue(count(surrogate, "select count(*) from t") > 500);
    }
  }

  @Test
  void cancelQueryStopsAPrepareWhilePlanning() throws Exception {
    String sql = JOIN + " and a.v <> " + uniqueLiteral();
    CountDownLatch converted = new CountDownLatch(1);
    CountDownLatch canceled = new CountDownLatch(1);
    CompletableFuture<SQLException> prepare = run(() -> {
      try (Hook.Closeable c = Hook.CONVERTED.addThread((java.util.function.Consumer<Object>) rel -> pause(converted, canceled));
          PreparedStatement ps = surrogate.prepareStatement(sql)) {
        ps.getMetaData();
      }
    });
    assertTrue(converted.await(DEADLINE_SECONDS, TimeUnit.SECONDS), "planning did not start");
    surrogate.unwrap(SurrogateConnection.class).cancelQuery();
    canceled.countDown();
    assertCanceled("user request", prepare);
    try (PreparedStatement ps = surrogate.prepareStatement("select count(*) from t where v = ?")) {
      ps.setInt(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void cancelWhileNothingRunsChangesNothing() throws Exception {
    try (Statement st = surrogate.createStatement()) {
      st.cancel();
      try (ResultSet rs = st.executeQuery("select count(*) from t")) {
        assertTrue(rs.next());
        assertTrue(rs.getLong(1) > 500);
      }
    }
  }

  @Test
  void cancelQueryStopsARunningExecution() throws Exception {
    try (Statement st = surrogate.createStatement()) {
      long before = engine.syntheticScans();
      CompletableFuture<SQLException> query = run(() -> {
        try (ResultSet rs = st.executeQuery(JOIN)) {
          rs.next();
        }
      });
      awaitScan(before, query);
      surrogate.unwrap(SurrogateConnection.class).cancelQuery();
      assertCanceled("user request", query);
      assertInstanceOf(java.sql.SQLTransientException.class, query.get());
    }
  }

  private static void pause(CountDownLatch reached, CountDownLatch resume) {
    reached.countDown();
    try {
      assertTrue(resume.await(DEADLINE_SECONDS, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A literal no other test's SQL has, so the plan cache cannot answer and the statement is planned. */
  private static long uniqueLiteral() {
    return 1_000_000 + (UUID.randomUUID().getMostSignificantBits() & 0xffffff);
  }
}
