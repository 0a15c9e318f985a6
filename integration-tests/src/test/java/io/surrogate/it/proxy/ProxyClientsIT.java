package io.surrogate.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.ProxyServer;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real PostgreSQL clients against the proxy with SCRAM-SHA-256 authentication. The engine is an in-memory H2
 * database (the proxy sees any engine as a JDBC connection factory); each client runs queries, a
 * parameterised query, an error followed by more work, and session commands, and its output is checked.
 */
class ProxyClientsIT {
  private static final String PASSWORD = "it-Secret-42";
  private static Connection keepAlive;
  private static ProxyServer server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    String url = "jdbc:h2:mem:proxyclients;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    keepAlive = DriverManager.getConnection(url);
    try (Statement st = keepAlive.createStatement()) {
      st.execute("create table items (id int primary key, name varchar(40), price numeric(10,2), "
          + "active boolean, born date)");
      st.execute("insert into items values (1, 'alpha', 12.50, true, date '2024-01-31'), "
          + "(2, 'beta', 0.99, false, date '1999-12-31')");
      st.execute("create table numbers (n bigint primary key, label varchar(20))");
      st.execute("insert into numbers select \"X\", 'row ' || \"X\" from system_range(1, 1000)");
    }
    ProxyConfig config = ProxyConfig.builder().port(0).user("it", PASSWORD.toCharArray()).build();
    server = new ProxyServer(config, (user, database) -> DriverManager.getConnection(url));
    port = server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    keepAlive.close();
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ProxyClientsIT.class.getResource("/proxy/" + name).toURI());
  }

  private static Map<String, String> env() {
    return Map.of("PROXY_PORT", Integer.toString(port), "PROXY_PASSWORD", PASSWORD, "PGPASSWORD", PASSWORD,
        "PGCONNECT_TIMEOUT", "10");
  }

  @Test
  void psqlRunsAScript() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql not installed: /usr/bin/psql");
    ClientProcess p = ClientProcess.run(List.of("/usr/bin/psql", "-X", "-A", "-t", "-h", "127.0.0.1",
        "-p", Integer.toString(port), "-U", "it", "-d", "db", "-f", resource("script.psql").toString()),
        env(), null, 60);
    assertEquals(List.of("1|alpha|12.50|t", "2|beta|0.99|f", "100|5050", "16.4", "db|it", "BEGIN",
        "ROLLBACK", "after rollback", "SET", "psql-it"), p.lines(), p.stderr());
    assertTrue(p.stderr().contains("ERROR:"), p.stderr());
    assertTrue(p.stderr().contains("current transaction is aborted"), p.stderr());
  }

  @Test
  void psqlWithWrongPasswordIsRefused() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql not installed: /usr/bin/psql");
    ClientProcess p = ClientProcess.run(List.of("/usr/bin/psql", "-X", "-h", "127.0.0.1", "-p",
        Integer.toString(port), "-U", "it", "-d", "db", "-c", "select 1"),
        Map.of("PGPASSWORD", "wrong", "PGCONNECT_TIMEOUT", "10"), null, 60);
    assertEquals(2, p.exitCode());
    assertTrue(p.stderr().contains("password authentication failed for user \"it\""), p.stderr());
  }

  @Test
  void psycopg2() throws Exception {
    assumeTrue(ClientProcess.available("/usr/bin/python3", "-c", "import psycopg2"),
        "psycopg2 not installed for /usr/bin/python3 (Debian package python3-psycopg2)");
    ClientProcess p = ClientProcess.run(List.of("/usr/bin/python3", resource("client.py").toString()), env(),
        null, 60);
    assertEquals(0, p.exitCode(), p.stderr());
    List<String> lines = p.lines();
    assertEquals(List.of("row 1 alpha 12.50 True 2024-01-31", "count 110"), lines.subList(0, 2), p.stderr());
    assertTrue(lines.get(2).matches("error 42\\w{3}"), lines.get(2));
    assertEquals(List.of("value after", "rows [5, 6, 7]"), lines.subList(3, 5), p.stderr());
  }

  @Test
  void nodePostgres() throws Exception {
    assumeTrue(ClientProcess.available("node", "--version"), "node not installed");
    assumeTrue(ClientProcess.available("npm", "--version"), "npm not installed");
    Path dir = Path.of("target", "node-pg").toAbsolutePath();
    Files.createDirectories(dir);
    if (!Files.isDirectory(dir.resolve("node_modules/pg"))) {
      ClientProcess install = ClientProcess.run(List.of("npm", "install", "--no-audit", "--no-fund",
          "--loglevel=error", "--prefix", dir.toString(), "pg@8"), Map.of(), dir, 300);
      assumeTrue(install.exitCode() == 0, "npm could not install pg: " + install.stderr());
    }
    Path script = Files.copy(resource("client.js"), dir.resolve("client.js"), StandardCopyOption.REPLACE_EXISTING);
    ClientProcess p = ClientProcess.run(List.of("node", script.toString()), env(), dir, 60);
    assertEquals(0, p.exitCode(), p.stderr());
    List<String> lines = p.lines();
    assertEquals(List.of("row 1 alpha 12.50 true", "count 110"), lines.subList(0, 2), p.stderr());
    assertTrue(lines.get(2).matches("error 42\\w{3}"), lines.get(2));
    assertEquals(List.of("rows 1,2,3", "db db"), lines.subList(3, 5));
  }

  @Test
  void pgJdbcWithScramInEachMode() throws SQLException {
    for (String mode : List.of("extended", "simple", "extendedForPrepared")) {
      Properties p = new Properties();
      p.setProperty("user", "it");
      p.setProperty("password", PASSWORD);
      p.setProperty("preferQueryMode", mode);
      p.setProperty("prepareThreshold", "1");
      p.setProperty("socketTimeout", "30");
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/db", p);
          PreparedStatement ps = c.prepareStatement("select name, price from items where id = ? and active = ?")) {
        ps.setInt(1, 1);
        ps.setBoolean(2, true);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), mode);
          assertEquals("alpha", rs.getString(1));
          assertEquals(new BigDecimal("12.50"), rs.getBigDecimal(2));
        }
      }
    }
  }
}
