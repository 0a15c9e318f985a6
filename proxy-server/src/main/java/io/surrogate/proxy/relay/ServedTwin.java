package io.surrogate.proxy.relay;

import io.surrogate.driver.twin.RunningTwin;
import io.surrogate.driver.twin.TwinLogin;
import io.surrogate.driver.twin.TwinReport;
import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.source.SourceEndpoint;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;

/** The synthetic twin a proxy serves from, built when the server starts; sessions are relayed to its client role. */
public final class ServedTwin implements AutoCloseable {
  private final RunningTwin twin;

  private ServedTwin(RunningTwin twin) {
    this.twin = twin;
  }

  /**
   * Starts the embedded twin of {@code config}'s source under {@code home} and builds its database.
   *
   * @throws SQLException with the SQLSTATE of what failed: reaching the source, starting PostgreSQL, a policy
   *     entry, a constraint the synthetic rows break
   */
  public static ServedTwin start(ProxyConfig config, Path home) throws SQLException {
    Properties props = new Properties();
    props.putAll(config.driverProperties());
    return new ServedTwin(RunningTwin.start(config.sourceUrl().orElseThrow(), props, home, ""));
  }

  /** Where and as whom a relayed session logs in: the client role on the twin database. */
  public SourceEndpoint clientEndpoint() {
    TwinLogin client = twin.client();
    return new SourceEndpoint("127.0.0.1", twin.port(), twin.database(), client.user(), client.password());
  }

  /** The twin database's name. */
  public String database() {
    return twin.database();
  }

  /** The full PostgreSQL version of the twin, such as {@code 15.19.0}. */
  public String version() {
    return twin.version();
  }

  /** What the build put in the twin. */
  public TwinReport report() {
    return twin.report();
  }

  @Override
  public void close() throws SQLException {
    twin.close();
  }
}
