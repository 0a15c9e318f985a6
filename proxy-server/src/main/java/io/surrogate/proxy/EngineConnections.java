package io.surrogate.proxy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/** Factory of engine connections: the proxy opens one per client session and runs every statement on it. */
@FunctionalInterface
public interface EngineConnections {

  /**
   * Opens a connection for a session of {@code user} on {@code database} (the names the client sent; the user
   * is already authenticated by the proxy).
   */
  Connection open(String user, String database) throws SQLException;

  /**
   * The Surrogate engine: {@code jdbc:surrogate:<source>} through {@link DriverManager} with the given driver
   * properties (policy, catalog...), each connection given {@code pg_catalog} and {@code information_schema}
   * built from its public metadata. {@code sourceUrl} may be given with or without its {@code jdbc:} prefix.
   */
  static EngineConnections surrogate(String sourceUrl, Properties driverProperties) {
    String source = sourceUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:") ? sourceUrl.substring(5) : sourceUrl;
    String url = source.startsWith("surrogate:") ? "jdbc:" + source : "jdbc:surrogate:" + source;
    Properties props = new Properties();
    props.putAll(driverProperties);
    // the proxy's engine is the Calcite one; a twin is served by relaying to it, never through the driver
    props.setProperty("twin", "none");
    return new SurrogateEngine(url, props, "16.4");
  }
}
