package io.surrogate.driver;

import io.surrogate.driver.internal.Engines;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver contract over an embedded in-memory H2 source. The database lives in this JVM and is
 * served over H2's TCP server on a loopback port, so that a second JVM can reach the very same source
 * (and hence the same source identity, catalog entries and models).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2DriverTest extends DriverContract {
  private Server server;
  private Connection keepAlive;
  private String sourceUrl;
  private Properties properties;

  @BeforeAll
  void createSource(@TempDir Path dir) throws Exception {
    server = Server.createTcpServer("-tcpPort", "0").start();
    String name = "drv" + UUID.randomUUID().toString().replace("-", "");
    keepAlive = DriverManager.getConnection("jdbc:h2:mem:" + name);
    sourceUrl = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + name;
    FIXTURE.create(keepAlive);
    properties = baseProperties(dir, writePolicy(dir));
  }

  @AfterAll
  void dropSource() throws SQLException {
    Engines.closeIdle();
    keepAlive.close();
    server.stop();
  }

  @Override
  String url() {
    return "jdbc:surrogate:" + sourceUrl.substring("jdbc:".length());
  }

  @Override
  Properties properties() {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  @Override
  Connection sourceConnection() throws SQLException {
    return DriverManager.getConnection(sourceUrl);
  }
}
