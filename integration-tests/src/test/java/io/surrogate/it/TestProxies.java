package io.surrogate.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.ProxyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** What end-to-end tests share: a proxy on a free port with a policy and a fresh catalog, a fresh PostgreSQL schema. */
public final class TestProxies {
  private TestProxies() {
  }

  /**
   * A connection to PostgreSQL at {@code url} with a fresh, empty {@code schema} (dropped first if it exists); the
   * calling test is skipped when PostgreSQL cannot be reached.
   */
  public static Connection postgresWithSchema(String url, Properties props, String schema)
      throws SQLException {
    Connection admin;
    try {
      admin = DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      assumeTrue(false, "PostgreSQL at " + url + " is not reachable: "
          + e.getMessage());
      throw e;
    }
    try (Statement s = admin.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      admin.close();
      throw e;
    }
    return admin;
  }

  /**
   * A started proxy over {@code sourceUrl} (source user {@code user}, or none when null) serving the policy
   * {@code policyYaml}, written with its catalog under {@code dir}.
   */
  public static ProxyServer start(String sourceUrl, String user, String policyYaml, Path dir)
      throws InterruptedException, IOException {
    return start(sourceUrl, user, policyYaml, dir, b -> b);
  }

  /** {@link #start(String, String, String, Path)} with further settings made by {@code settings}. */
  public static ProxyServer start(String sourceUrl, String user, String policyYaml, Path dir,
      java.util.function.UnaryOperator<ProxyConfig.Builder> settings) throws InterruptedException, IOException {
    Path policy = Files.writeString(dir.resolve("surrogate.yaml"), policyYaml, StandardCharsets.UTF_8);
    ProxyConfig.Builder b = ProxyConfig.builder().port(0).sourceUrl(sourceUrl)
        .driverProperty("policy", policy.toString())
        .driverProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath());
    if (user != null) {
      b.driverProperty("user", user);
    }
    ProxyServer server = new ProxyServer(settings.apply(b).build());
    server.start();
    return server;
  }
}
