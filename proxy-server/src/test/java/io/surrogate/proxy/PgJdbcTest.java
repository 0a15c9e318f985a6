package io.surrogate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** pgJDBC against the proxy over a real socket, in each query mode and with text and binary transfer. */
class PgJdbcTest {
  private static H2Engine engine;
  private static ProxyServer server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    engine = new H2Engine(5000);
    server = new ProxyServer(ProxyConfig.builder().port(0).build(), engine);
    port = server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    engine.close();
  }

  static Connection connect(String mode) throws SQLException {
    return connect(port, mode);
  }

  /** pgJDBC to the proxy on {@code port} in {@code mode}: default (extended), simple, prepared or binary. */
  static Connection connect(int port, String mode) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "tester");
    p.setProperty("socketTimeout", "20");
    p.setProperty("connectTimeout", "10");
    switch (mode) {
      case "simple" -> p.setProperty("preferQueryMode", "simple");
      case "prepared" -> p.setProperty("prepareThreshold", "1");
      case "binary" -> {
        p.setProperty("prepareThreshold", "1");
        p.setProperty("binaryTransfer", "true");
        p.setProperty("binaryTransferEnable", "int2,int4,int8,float4,float8,numeric,bool,date,timestamp,"
            + "timestamptz,uuid,bytea");
      }
      default -> { }
    }
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/demo", p);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "simple", "prepared", "binary"})
  void readsEveryTypeOfARow(String mode) throws Exception {
    try (Connection c = connect(mode)) {
      for (int round = 0; round < 3; round++) {
        try (PreparedStatement ps = c.prepareStatement("select * from items where id = ?")) {
          ps.setInt(1, 1);
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt("id"));
            assertEquals(7, rs.getShort("small"));
            assertEquals(9_000_000_000L, rs.getLong("big"));
            assertEquals(new BigDecimal("12.50"), rs.getBigDecimal("price"));
            assertEquals(1.5f, rs.getFloat("ratio"));
            assertEquals(2.25, rs.getDouble("score"));
            assertEquals("alpha", rs.getString("name"));
            assertTrue(rs.getBoolean("active"));
            assertEquals(LocalDate.of(2024, 1, 31), rs.getObject("born", LocalDate.class));
            assertEquals(LocalDateTime.of(2024, 1, 31, 10, 11, 12, 345_678_000),
                rs.getObject("seen", LocalDateTime.class));
            assertEquals(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), rs.getObject("token"));
            assertEquals(4, rs.getBytes("blob").length);
            assertFalse(rs.next());
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "simple", "prepared", "binary"})
  void readsNullsAndNegatives(String mode) throws Exception {
    try (Connection c = connect(mode); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select id, small, price, score, name, born from items order by id")) {
      assertTrue(rs.next());
      assertTrue(rs.next());
      assertEquals(-3, rs.getInt("small"));
      assertEquals(new BigDecimal("-0.01"), rs.getBigDecimal("price"));
      assertEquals(1e20, rs.getDouble("score"));
      assertEquals("beta 'quoted'", rs.getString("name"));
      assertTrue(rs.next());
      assertNull(rs.getObject("small"));
      assertNull(rs.getString("name"));
      assertNull(rs.getObject("born"));
      assertFalse(rs.next());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "simple", "prepared", "binary"})
  void bindsParametersOfEveryCommonType(String mode) throws Exception {
    String sql = "select count(*) from items where small = ? and big = ? and price = ? and name = ? "
        + "and active = ? and born = ? and seen = ? and token = ? and score = ?";
    try (Connection c = connect(mode); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int round = 0; round < 3; round++) {
        ps.setShort(1, (short) 7);
        ps.setLong(2, 9_000_000_000L);
        ps.setBigDecimal(3, new BigDecimal("12.5"));
        ps.setString(4, "alpha");
        ps.setBoolean(5, true);
        ps.setObject(6, LocalDate.of(2024, 1, 31));
        ps.setObject(7, LocalDateTime.of(2024, 1, 31, 10, 11, 12, 345_678_000));
        ps.setObject(8, UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        ps.setDouble(9, 2.25);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(1, rs.getLong(1), "round " + round);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "simple", "prepared"})
  void streamsWithAFetchSizeInsideATransaction(String mode) throws Exception {
    try (Connection c = connect(mode)) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.setFetchSize(100);
        long sum = 0;
        int count = 0;
        try (ResultSet rs = st.executeQuery("select n, label from numbers order by n")) {
          while (rs.next()) {
            sum += rs.getLong(1);
            count++;
            assertEquals("row " + rs.getLong(1), rs.getString(2));
          }
        }
        assertEquals(5000, count);
        assertEquals(5000L * 5001 / 2, sum);
      }
      c.commit();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "simple", "prepared"})
  void staysUsableAfterAnError(String mode) throws Exception {
    try (Connection c = connect(mode); Statement st = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("select * from no_such_table"));
      assertEquals("42S02", e.getSQLState().length() == 5 ? e.getSQLState() : "?", e.getMessage());
      try (ResultSet rs = st.executeQuery("select count(*) from items")) {
        assertTrue(rs.next());
        assertEquals(3, rs.getInt(1));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "simple"})
  void sessionCommandsAndFunctions(String mode) throws Exception {
    try (Connection c = connect(mode); Statement st = c.createStatement()) {
      assertEquals("demo", single(st, "select current_database()"));
      assertTrue(single(st, "select version()").startsWith("PostgreSQL 16.4"));
      assertEquals("tester", single(st, "select current_user"));
      assertEquals("\"$user\", public", single(st, "show search_path"));
      st.execute("set application_name = 'probe'");
      assertEquals("probe", single(st, "show application_name"));
      assertEquals("read committed", single(st, "show transaction isolation level"));
      assertEquals("demo|tester", single(st, "select current_database() || '|' || current_user"));
      SQLException bad = assertThrows(SQLException.class, () -> st.execute("set client_encoding = 'LATIN1'"));
      assertEquals("22023", bad.getSQLState());
    }
  }

  static String single(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }
}
