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
 * The proxy over the real engine, the {@code jdbc:surrogate:} driver on an H2 source: a real table answers
 * with real rows, a sensitive table with synthetic rows, and pg_catalog comes from public metadata.
 */
class SurrogateProxyIT {
  @TempDir
  static Path dir;
  private static Connection source;
  private static ProxyServer server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    String name = "surrproxy" + UUID.randomUUID().toString().replace("-", "");
    String sourceUrl = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    source = DriverManager.getConnection(sourceUrl);
    try (Statement st = source.createStatement()) {
      st.execute("create table countries (code varchar(2) primary key, name varchar(40))");
      st.execute("insert into countries values ('DE', 'Germany'), ('FR', 'France')");
      st.execute("create table patients (id int primary key, age int not null, sex varchar(1) not null)");
      st.execute("insert into patients select x, 33, 'F' from system_range(1, 300)");
    }
    server = TestProxies.start(sourceUrl, null, """
        default: synthetic
        privacy: { epsilon: 1.0, delta: 1e-9, budget: 10.0 }
        seed: 7
        tables:
          countries: { mode: real }
          patients:
            columns:
              age: { bounds: [0, 120] }
              sex: { domain: [F, M] }
        """, dir);
    port = server.port();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    source.close();
  }

  private static Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "analyst");
    p.setProperty("socketTimeout", "120");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/clinic", p);
  }

  @Test
  void realTableAnswersRealRows() throws Exception {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
        "select name from countries where code = ?")) {
      ps.setString(1, "FR");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals("France", rs.getString(1));
        assertFalse(rs.next());
      }
    }
  }

  /** NOT NULL columns: a nullable one may rightly serve NULLs, since the null share is a noisy DP release. */
  @Test
  void sensitiveTableAnswersSyntheticRows() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select age, sex from patients")) {
      while (rs.next()) {
        int age = rs.getInt(1);
        assertTrue(age >= 0 && age <= 120, "age " + age);
        assertTrue(List.of("F", "M").contains(rs.getString(2)), rs.getString(2));
        rows.add(age + "/" + rs.getString(2));
      }
    }
    assertFalse(rows.isEmpty());
    assertFalse(rows.stream().allMatch("33/F"::equals), "every row equals the real value: " + rows.size());
  }

  @Test
  void catalogComesFromPublicMetadata() throws Exception {
    List<String> tables = new ArrayList<>();
    try (Connection c = connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select c.relname, c.reltuples from pg_catalog.pg_class c "
            + "where c.relkind = 'r' order by c.relname")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
        assertEquals(-1f, rs.getFloat(2));
      }
    }
    assertTrue(tables.containsAll(List.of("countries", "patients")), tables.toString());
    try (Connection c = connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from pg_catalog.pg_stats")) {
      assertTrue(rs.next());
      assertEquals(0, rs.getInt(1));
    }
  }
}
