package io.surrogate.driver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements Calcite pushes whole into the source run as {@link DirectPlan}s: their rows and column descriptions
 * equal what Calcite's own runtime returns for the same statement, and every statement that touches a synthetic
 * table, reads a type Calcite converts, or sets a row limit keeps Calcite's runtime.
 */
class DirectPlanTest {
  private static final String POINT = "select id, i, d, s, c, n, b from accounts where id = ?";

  @TempDir
  static Path dir;
  private static String name;
  private static Connection keepAlive;

  @BeforeAll
  static void source() throws Exception {
    name = "directplan" + UUID.randomUUID().toString().replace("-", "");
    keepAlive = DriverManager.getConnection("jdbc:h2:mem:" + name);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, i INTEGER, d DOUBLE PRECISION, s VARCHAR(10),"
          + " c CHAR(3), n DECIMAL(8,2), b BOOLEAN, dt DATE, sm SMALLINT)");
      s.execute("CREATE TABLE secrets (id INTEGER PRIMARY KEY, v INTEGER)");
    }
    try (PreparedStatement p = keepAlive.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int k = 1; k <= 200; k++) {
        p.setLong(1, k);
        p.setObject(2, k % 7 == 0 ? null : k * 3);
        p.setObject(3, k % 5 == 0 ? null : k / 7.0);
        p.setString(4, k % 11 == 0 ? null : "v" + (k % 4));
        p.setString(5, k % 9 == 0 ? null : "c" + (k % 3));
        p.setObject(6, k % 13 == 0 ? null : BigDecimal.valueOf(k * 25L, 2));
        p.setObject(7, k % 3 == 0 ? null : k % 2 == 0);
        p.setObject(8, java.time.LocalDate.of(2000, 1, 1).plusDays(k));
        p.setObject(9, (short) k);
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p = keepAlive.prepareStatement("INSERT INTO secrets VALUES (?, ?)")) {
      for (int k = 1; k <= 100; k++) {
        p.setInt(1, k);
        p.setInt(2, 1000 + k);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  @AfterAll
  static void close() throws SQLException {
    Engines.closeIdle();
    keepAlive.close();
  }

  private static Connection open() throws Exception {
    Path policy = dir.resolve("surrogate.yaml");
    Files.writeString(policy, """
        default: synthetic
        privacy: { epsilon: 1.0, delta: 1e-9, budget: 10.0 }
        tables:
          accounts: { mode: real }
          secrets:
            columns:
              v: { bounds: [1000, 1100] }
        """, StandardCharsets.UTF_8);
    Properties props = new Properties();
    props.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath());
    props.setProperty("policy", policy.toString());
    props.setProperty("partitionSize", "64");
    return DriverManager.getConnection("jdbc:surrogate:h2:mem:" + name, props);
  }

  @Test
  void directRowsEqualCalciteRows() throws Exception {
    try (Connection c = open()) {
      SurrogateSession session = c.unwrap(SurrogateSession.class);
      long before = session.engine().directExecutions();
      try (PreparedStatement direct = c.prepareStatement(POINT);
          PreparedStatement calcite = session.calcite().prepareStatement(POINT)) {
        assertEquals(describe(calcite.getMetaData()), describe(direct.getMetaData()));
        for (long k : new long[] {1, 7, 9, 11, 13, 15, 200, 201, -1}) {
          direct.setLong(1, k);
          calcite.setLong(1, k);
          assertEquals(rows(calcite.executeQuery()), rows(direct.executeQuery()), "id " + k);
        }
        direct.setObject(1, 42);
        calcite.setObject(1, 42);
        assertEquals(rows(calcite.executeQuery()), rows(direct.executeQuery()));
        direct.setNull(1, java.sql.Types.BIGINT);
        assertEquals(List.of(), rows(direct.executeQuery()), "id = NULL matches nothing");
        assertTrue(direct.execute());
        try (ResultSet rs = direct.getResultSet()) {
          assertEquals(describe(calcite.getMetaData()), describe(rs.getMetaData()));
          assertSame(direct, rs.getStatement());
        }
        assertEquals(-1, direct.getUpdateCount());
      }
      assertEquals(before + 12, session.engine().directExecutions(), "every execution above ran directly");
      assertEquals(0, session.engine().pool().getHikariPoolMXBean().getActiveConnections(),
          "closed results give their source connection back");
    }
  }

  @Test
  void thePushedDownFormNamesTheGeneratedSqlAndWhereEachParameterGoes() throws Exception {
    try (Connection c = open(); Connection other = open()) {
      io.surrogate.driver.SurrogateConnection sc = c.unwrap(io.surrogate.driver.SurrogateConnection.class);
      try (PreparedStatement p = c.prepareStatement("select id, i from accounts where i > ? and id = ?");
          PreparedStatement synthetic = c.prepareStatement("select v from secrets where id = ?");
          PreparedStatement elsewhere = other.prepareStatement(POINT)) {
        io.surrogate.driver.PushedDownQuery q = sc.pushedDown(p).orElseThrow();
        assertTrue(q.sql().startsWith("SELECT"), q.sql());
        assertTrue(q.sql().contains("\"ACCOUNTS\""), q.sql());
        assertEquals(2, q.sql().chars().filter(ch -> ch == '?').count(), q.sql());
        assertEquals(List.of(0, 1), java.util.Arrays.stream(q.parameterOrder()).sorted().boxed().toList());
        assertEquals(2, q.parameterTypes().length);
        assertTrue(sc.pushedDown(synthetic).isEmpty(), "a synthetic table is never pushed down");
        assertTrue(sc.pushedDown(elsewhere).isEmpty(), "another connection's statement is not this one's");
      }
    }
  }

  @Test
  void onlyPlansPushedWholeOverRealTablesRunDirectly() throws Exception {
    try (Connection c = open()) {
      SurrogateSession session = c.unwrap(SurrogateSession.class);
      long before = session.engine().directExecutions();
      for (String sql : List.of("select v from secrets where id = ?",
          "select a.i, s.v from accounts a join secrets s on s.id = a.id where a.id = ?",
          "select i from accounts where id = ? and i in (select v from secrets)",
          "select dt from accounts where id = ?",
          "select sm from accounts where id = ?")) {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setInt(1, 5);
          rows(p.executeQuery());
        }
      }
      assertEquals(before, session.engine().directExecutions(), "synthetic tables and converted types use Calcite");
      try (PreparedStatement p = c.prepareStatement("select id from accounts where id > ? order by id")) {
        p.setTimestamp(1, java.sql.Timestamp.valueOf("2000-01-01 00:00:00"));
        rows(p.executeQuery());
        assertEquals(before, session.engine().directExecutions(), "a value Calcite converts goes through Calcite");
        p.setInt(1, 10);
        p.setMaxRows(3);
        assertEquals("[[11, 11], [12, 12], [13, 13]]", rows(p.executeQuery()).toString(), "the row limit holds");
        p.setMaxRows(0);
        p.setInt(1, 195);
        assertEquals(5, rows(p.executeQuery()).size());
      }
      assertEquals(before + 2, session.engine().directExecutions());
    }
  }

  @Test
  void sourceErrorsKeepTheirSqlStateAndTheStatementStaysUsable() throws Exception {
    try (Connection c = open(); PreparedStatement p = c.prepareStatement("select 10 / (id - ?) from accounts where id = 5")) {
      SurrogateSession session = c.unwrap(SurrogateSession.class);
      p.setInt(1, 5);
      SQLException e = assertThrows(SQLException.class, () -> rows(p.executeQuery()));
      assertEquals("22012", e.getSQLState(), e.getMessage());
      p.setInt(1, 3);
      assertEquals("[[5, 5]]", rows(p.executeQuery()).toString());
      assertEquals(0, session.engine().pool().getHikariPoolMXBean().getActiveConnections());
    }
  }

  @Test
  void concurrentSessionsReExecutingAfterCloseNeverShareASourceConnection() throws Exception {
    // Each execution closes its result, then the next execute closes it again (as JDBC requires of a re-executed
    // statement); a second close of a pooled connection that another thread holds by then must change nothing.
    int threads = 4;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Long>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          long sum = 0;
          try (Connection c = open(); PreparedStatement p = c.prepareStatement(POINT)) {
            for (int i = 0; i < 1500; i++) {
              p.setLong(1, 1 + (seed * 31 + i) % 200);
              try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                sum += rs.getLong(1);
              }
            }
          }
          return sum;
        }));
      }
      for (java.util.concurrent.Future<Long> f : done) {
        assertTrue(f.get() > 0);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closingTheConnectionGivesBackWhatAnOpenDirectResultHolds() throws Exception {
    try (Connection keeper = open()) {
      Engine engine = keeper.unwrap(SurrogateSession.class).engine();
      Connection c = open();
      PreparedStatement p = c.prepareStatement(POINT);
      p.setLong(1, 3);
      ResultSet rs = p.executeQuery();
      assertTrue(rs.next());
      assertEquals(1, engine.pool().getHikariPoolMXBean().getActiveConnections(), "the open result holds one");
      c.close();
      assertEquals(0, engine.pool().getHikariPoolMXBean().getActiveConnections());
    }
  }

  @Test
  void anExecutionReleasesItsSourceConnectionExactlyOnce() throws Exception {
    java.util.Map<String, Integer> closes = new java.util.HashMap<>();
    DirectExecution execution = new DirectExecution(null, new DirectPlan("select 1", new int[0], new int[0]));
    AutoCloseable release = execution.closer(counting(ResultSet.class, closes), counting(PreparedStatement.class, closes),
        counting(Connection.class, closes));
    release.close();
    release.close();
    assertEquals(java.util.Map.of("ResultSet", 1, "PreparedStatement", 1, "Connection", 1), closes,
        "a pooled connection closed twice would clear the statements of its next borrower");
  }

  private static <T> T counting(Class<T> type, java.util.Map<String, Integer> closes) {
    return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            closes.merge(type.getSimpleName(), 1, Integer::sum);
          }
          return null;
        }));
  }

  private static void assertSame(Object expected, Object actual) {
    assertTrue(expected == actual, "expected the statement proxy itself");
  }

  private static List<String> describe(ResultSetMetaData md) throws SQLException {
    List<String> d = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      d.add(md.getColumnLabel(i) + ":" + md.getColumnType(i) + ":" + md.getColumnTypeName(i) + ":"
          + md.getPrecision(i) + ":" + md.getScale(i) + ":" + md.isNullable(i));
    }
    return d;
  }

  private static List<List<Object>> rows(ResultSet rs) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (rs) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v);
          assertEquals(v == null, rs.wasNull());
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      assertFalse(rs.next());
    }
    return rows;
  }
}
