package io.surrogate.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.it.TestProxies;
import io.surrogate.proxy.ProxyServer;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real PostgreSQL table read through the proxy gives pgJDBC the values PostgreSQL itself gives, column type by
 * column type and NULL by NULL, for statements the engine runs on the source directly (integers, floating point,
 * numeric, character, boolean) and for those it runs through Calcite (smallint, date, timestamp), in text and
 * binary transfer.
 */
class RealTableValuesIT {
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String SCHEMA = "realvalues_it";
  private static final int ROWS = 120;
  @org.junit.jupiter.api.io.TempDir
  static Path dir;
  private static ProxyServer server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    try (Connection admin = TestProxies.postgresWithSchema(POSTGRES, props(null), SCHEMA);
        Statement s = admin.createStatement()) {
      s.execute("CREATE TABLE " + SCHEMA + ".accounts (id int PRIMARY KEY, big bigint, d double precision,"
          + " r real, n numeric(10,2), t text, v varchar(12), c char(3), b boolean, sm smallint, dt date,"
          + " ts timestamp)");
      s.execute("INSERT INTO " + SCHEMA + ".accounts SELECT g,"
          + " CASE WHEN g % 7 = 0 THEN NULL ELSE g::bigint * 1000003 - 5000000 END,"
          + " CASE WHEN g % 5 = 0 THEN NULL ELSE g / 7.0 - 3 END,"
          + " CASE WHEN g % 6 = 0 THEN NULL ELSE (g / 3.0)::real END,"
          + " CASE WHEN g % 11 = 0 THEN NULL ELSE round((g * 1.25 - 40)::numeric, 2) END,"
          + " CASE WHEN g % 9 = 0 THEN NULL ELSE 'text ' || g || ' é' END,"
          + " CASE WHEN g % 4 = 0 THEN NULL ELSE 'v' || (g % 13) END,"
          + " CASE WHEN g % 8 = 0 THEN NULL ELSE 'c' || (g % 3) END,"
          + " CASE WHEN g % 3 = 0 THEN NULL ELSE g % 2 = 0 END,"
          + " (g % 100)::smallint, DATE '2020-01-01' + g, TIMESTAMP '2021-06-01 08:00' + g * INTERVAL '97 minutes'"
          + " FROM generate_series(1, " + ROWS + ") g");
      s.execute("COMMENT ON TABLE " + SCHEMA + ".accounts IS 'one row per account'");
      s.execute("COMMENT ON COLUMN " + SCHEMA + ".accounts.t IS 'free text'");
    }
    server = TestProxies.start(POSTGRES + "?currentSchema=" + SCHEMA, "postgres", """
        default: synthetic
        tables:
          accounts: { mode: real }
        """, dir);
    port = server.port();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
      try (Connection admin = DriverManager.getConnection(POSTGRES, props(null));
          Statement s = admin.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  private static Properties props(String binaryTransfer) {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("prepareThreshold", "1");
    if (binaryTransfer != null) {
      p.setProperty("binaryTransfer", binaryTransfer);
    }
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "false"})
  void pointQueriesAnswerWhatPostgresAnswers(String binaryTransfer) throws SQLException {
    List<String> statements = List.of(
        "select id, big, d, r, n, t, v, c, b from accounts where id = ?",
        "select id, sm, dt, ts from accounts where id = ?",
        "select t, n from accounts where id > ? order by id");
    try (Connection direct = DriverManager.getConnection(POSTGRES + "?currentSchema=" + SCHEMA,
            props(binaryTransfer));
        Connection proxied = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/test",
            props(binaryTransfer))) {
      for (String sql : statements) {
        try (PreparedStatement a = direct.prepareStatement(sql); PreparedStatement b = proxied.prepareStatement(sql)) {
          for (int id = 0; id <= ROWS + 1; id += sql.contains(">") ? 40 : 1) {
            a.setInt(1, id);
            b.setInt(1, id);
            assertEquals(rows(a), rows(b), sql + " with " + id + ", binaryTransfer=" + binaryTransfer);
          }
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aStatementRunOnTheSourceIsCancelledByTheSessionTimeoutAndTheSessionGoesOn() throws SQLException {
    try (Connection proxied = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/test",
        props(null)); Statement s = proxied.createStatement()) {
      s.execute("SET statement_timeout = 300");
      // A self-join of 120 rows, 40 times over: long enough on the source to be cancelled, pushed whole to it.
      String slow = "select count(*) from accounts a, accounts b, accounts c, accounts d where a.id + b.id + c.id"
          + " + d.id = ?";
      try (PreparedStatement ps = proxied.prepareStatement(slow)) {
        ps.setInt(1, -1);
        long start = System.nanoTime();
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, ps::executeQuery);
        assertEquals("57014", e.getSQLState(), e.getMessage());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "cancelled, not run to the end");
      }
      s.execute("SET statement_timeout = 0");
      try (PreparedStatement ps = proxied.prepareStatement("select t from accounts where id = ?")) {
        ps.setInt(1, 2);
        assertEquals(List.of("t=text 2 é:String "), rows(ps));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void sourceCommentsAreDescriptions() throws SQLException {
    try (Connection proxied = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/test",
        props(null)); Statement s = proxied.createStatement()) {
      try (ResultSet rs = s.executeQuery("select obj_description(c.oid, 'pg_class'), col_description(c.oid, 6),"
          + " col_description(c.oid, 1) from pg_catalog.pg_class c where c.relname = 'accounts'")) {
        assertTrue(rs.next());
        assertEquals("one row per account", rs.getString(1));
        assertEquals("obj_description", rs.getMetaData().getColumnLabel(1));
        assertEquals("free text", rs.getString(2));
        assertEquals(null, rs.getString(3));
      }
      try (ResultSet rs = s.executeQuery("select count(*) from pg_catalog.pg_description")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
      }
      try (ResultSet rs = proxied.getMetaData().getColumns(null, null, "accounts", "t")) {
        assertTrue(rs.next());
        assertEquals("text", rs.getString("TYPE_NAME"), "an unbounded string is text, not varchar(65536)");
        assertEquals("free text", rs.getString("REMARKS"));
      }
      try (ResultSet rs = proxied.getMetaData().getTables(null, null, "accounts", null)) {
        assertTrue(rs.next());
        assertEquals("one row per account", rs.getString("REMARKS"), "pgJDBC's getTables reads pg_description");
      }
    }
  }

  private static List<String> rows(PreparedStatement ps) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object o = rs.getObject(i);
          row.append(md.getColumnLabel(i)).append('=').append(rs.getString(i))
              .append(o == null ? "" : ":" + o.getClass().getSimpleName()).append(' ');
        }
        rows.add(row.toString());
      }
      assertFalse(rs.next());
    }
    assertTrue(rows.size() <= ROWS);
    return rows;
  }
}
