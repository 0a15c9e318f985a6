package io.surrogate.driver;

import io.surrogate.driver.internal.Engines;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver contract over PostgreSQL at 127.0.0.1:5432/test, in a schema created for this class and
 * dropped after it; skipped when the server cannot be reached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresDriverTest extends DriverContract {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String USER = "postgres";

  private String schema;
  private Properties properties;

  @BeforeAll
  void createSource(@TempDir Path dir) throws Exception {
    schema = "drv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(SERVER, USER, "")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
    } catch (SQLException e) {
      Assumptions.abort("PostgreSQL unreachable at " + SERVER + ": " + e.getMessage());
    }
    try (Connection c = sourceConnection()) {
      FIXTURE.create(c);
    }
    properties = baseProperties(dir, writePolicy(dir));
    properties.setProperty("user", USER);
    properties.setProperty("schema", schema);
    properties.setProperty("twin", "none");
  }

  @AfterAll
  void dropSource() throws SQLException {
    Engines.closeIdle();
    if (schema != null && properties != null) {
      try (Connection c = DriverManager.getConnection(SERVER, USER, ""); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Override
  String url() {
    return "jdbc:surrogate:" + SERVER.substring("jdbc:".length());
  }

  @Override
  Properties properties() {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  @Override
  Connection sourceConnection() throws SQLException {
    return DriverManager.getConnection(SERVER + "?currentSchema=" + schema, USER, "");
  }
}
