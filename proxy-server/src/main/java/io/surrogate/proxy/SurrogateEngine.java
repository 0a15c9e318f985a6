package io.surrogate.proxy;

import io.surrogate.driver.SurrogateConnection;
import io.surrogate.proxy.catalog.MetadataSchemas;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Surrogate driver as the proxy's engine: one {@code jdbc:surrogate:} connection per session, given
 * {@code pg_catalog} and {@code information_schema} built from its own public metadata.
 */
final class SurrogateEngine implements EngineConnections {
  private static final Logger LOG = LoggerFactory.getLogger(SurrogateEngine.class);

  private final String url;
  private final Properties properties;
  private final String serverVersion;

  SurrogateEngine(String url, Properties properties, String serverVersion) {
    this.url = url;
    this.properties = properties;
    this.serverVersion = serverVersion;
  }

  @Override
  public Connection open(String user, String database) throws SQLException {
    Connection c = DriverManager.getConnection(url, properties);
    try {
      if (c.isWrapperFor(SurrogateConnection.class)) {
        SurrogateConnection sc = c.unwrap(SurrogateConnection.class);
        MetadataSchemas.install(c, database, user, settings(), sc::addMetadataSchema);
      }
    } catch (SQLException | RuntimeException e) {
      // The session still works without catalog emulation; clients that need it get "table not found".
      LOG.warn("pg_catalog emulation unavailable for this session: {}", e.getMessage());
    }
    return c;
  }

  private Map<String, String> settings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("server_version", serverVersion);
    m.put("server_encoding", "UTF8");
    m.put("client_encoding", "UTF8");
    m.put("DateStyle", "ISO, MDY");
    m.put("TimeZone", "UTC");
    m.put("standard_conforming_strings", "on");
    m.put("integer_datetimes", "on");
    m.put("max_identifier_length", "63");
    m.put("max_index_keys", "32");
    m.put("search_path", "\"$user\", public");
    return m;
  }
}
