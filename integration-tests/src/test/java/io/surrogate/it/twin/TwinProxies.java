package io.surrogate.it.twin;

import io.surrogate.it.LocalPostgres;
import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** A proxy serving a local PostgreSQL source from its embedded twin under a test's directory, and its clients. */
final class TwinProxies {
  private TwinProxies() {
  }

  /**
   * Starts a proxy on a free port for {@code source} with {@code policy}, its catalog and twin home under
   * {@code dir}, checking for retrained models every {@code refresh} (zero: only when the test asks).
   */
  static ProxyServer start(String source, Path policy, String catalog, Path dir, Duration refresh) throws Exception {
    ProxyServer server = new ProxyServer(ProxyConfig.builder().port(0).sourceUrl(source)
        .driverProperty("user", "postgres")
        .driverProperty("policy", policy.toString())
        .driverProperty("catalog", catalog)
        .twinHome(Files.createDirectories(dir.resolve("home")))
        .twinRefresh(refresh)
        .build());
    server.start();
    return server;
  }

  /** The H2 file catalog a test keeps under {@code dir}. */
  static String catalog(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath();
  }

  /** A pgJDBC connection through {@code server} to {@code database} as user postgres. */
  static Connection connect(ProxyServer server, String database) throws SQLException {
    Properties p = LocalPostgres.props();
    p.setProperty("socketTimeout", "120");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database, p);
  }
}
