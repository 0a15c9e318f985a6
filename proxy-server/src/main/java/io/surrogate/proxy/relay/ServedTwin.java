package io.surrogate.proxy.relay;

import io.surrogate.driver.twin.RunningTwin;
import io.surrogate.driver.twin.TwinLogin;
import io.surrogate.driver.twin.TwinReport;
import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.source.SourceEndpoint;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Properties;

/**
 * The synthetic twin a proxy serves from, built when the server starts and rebuilt, a generation at a time, when the
 * catalog holds retrained models; sessions are relayed to its client role on the current generation.
 */
public final class ServedTwin implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServedTwin.class);

  private final RunningTwin twin;
  private final ScheduledExecutorService refresher;

  private ServedTwin(RunningTwin twin, Duration refresh) {
    this.twin = twin;
    if (refresh.isZero()) {
      refresher = null;
      return;
    }
    refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "surrogate-twin-refresh");
      t.setDaemon(true);
      return t;
    });
    refresher.scheduleWithFixedDelay(this::refreshQuietly, refresh.toMillis(), refresh.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void refreshQuietly() {
    try {
      twin.refresh();
    } catch (SQLException | RuntimeException e) {
      // the current generation keeps serving; the next check tries again
      LOG.warn("twin not rebuilt for the retrained models: [{}] {}", e instanceof SQLException s ? s.getSQLState()
          : "XX000", e.getMessage());
    }
  }

  /** Checks for retrained models now, as the periodic check does; returns whether a new generation was built. */
  public boolean refresh() throws SQLException {
    return twin.refresh();
  }

  /** Earlier generations that sessions still read. */
  public java.util.List<String> retiredGenerations() {
    return twin.retiredGenerations();
  }

  /**
   * Builds the twin of {@code config}'s source: on the server {@link ProxyConfig#twinServer()} names, else on the
   * embedded PostgreSQL under {@link ProxyConfig#twinHome()}.
   *
   * @throws SQLException with the SQLSTATE of what failed: reaching the source, starting PostgreSQL, a policy
   *     entry, a constraint the synthetic rows break
   */
  public static ServedTwin start(ProxyConfig config) throws SQLException {
    Properties props = new Properties();
    props.putAll(config.driverProperties());
    String source = config.sourceUrl().orElseThrow();
    RunningTwin twin = config.twinServer().isPresent()
        ? RunningTwin.onServer(config.twinServer().get(), source, props)
        : RunningTwin.start(source, props, config.twinHome().orElseThrow(), "");
    return new ServedTwin(twin, config.twinRefresh());
  }

  /** Where and as whom a relayed session logs in: the client role on the twin database. */
  public SourceEndpoint clientEndpoint() {
    TwinLogin client = twin.client();
    return new SourceEndpoint(twin.host(), twin.port(), twin.database(), client.user(), client.password());
  }

  /**
   * The database-name prefix that asks for a sandbox: {@code sandbox-NAME} is named sandbox NAME (made on first use),
   * {@code sandbox-} alone an ephemeral one, dropped when its connection ends.
   */
  public static final String SANDBOX_PREFIX = "sandbox-";

  /** Where a session asking for {@code database} logs in: a sandbox for the sandbox prefix, else the twin. */
  public Target target(String database) throws SQLException {
    if (database == null || !database.startsWith(SANDBOX_PREFIX)) {
      return new Target(clientEndpoint(), null);
    }
    String name = database.substring(SANDBOX_PREFIX.length());
    TwinLogin login = name.isEmpty() ? twin.ephemeralSandbox() : twin.sandbox(name);
    String db = login.url().substring(login.url().lastIndexOf('/') + 1);
    return new Target(new SourceEndpoint(twin.host(), twin.port(), db, login.user(), login.password()),
        name.isEmpty() ? db : null);
  }

  /**
   * A session's login target.
   *
   * @param endpoint where and as whom it logs in
   * @param ephemeral the ephemeral sandbox to drop when the session ends, or null
   */
  public record Target(SourceEndpoint endpoint, String ephemeral) {
  }

  /** Drops an ephemeral sandbox whose session ended; a failure is logged, the next start never reuses its name. */
  public void dropEphemeral(String database) {
    try {
      twin.dropSandboxDatabase(database);
    } catch (SQLException e) {
      LOG.warn("ephemeral sandbox {} not dropped: {}", database, e.getMessage());
    }
  }

  /** The running twin, for sandbox management. */
  public RunningTwin running() {
    return twin;
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
    if (refresher != null) {
      refresher.shutdownNow();
    }
    twin.close();
  }
}
