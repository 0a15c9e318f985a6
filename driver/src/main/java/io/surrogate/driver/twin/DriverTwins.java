package io.surrogate.driver.twin;

import io.surrogate.catalog.Catalogs;
import io.surrogate.catalog.SqlState;
import io.surrogate.catalog.TwinMode;
import io.surrogate.driver.SurrogateProperty;
import io.surrogate.driver.internal.DriverConfig;
import io.surrogate.driver.internal.Engines;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twins {@code jdbc:surrogate:} connections are served from when the twin mode is {@code embedded} (the default
 * for a PostgreSQL source): one per source, policy and catalog in this JVM, built on the first connection, rebuilt
 * in the background as a new generation when retrained models are found (checked on connect, at most every 10 s;
 * open connections keep their generation, new ones get the new one once it is complete), and stopped when the JVM
 * exits. A connection is a plain pgJDBC connection of the twin's client role, so Hibernate,
 * Flyway and DBeaver see PostgreSQL itself.
 */
public final class DriverTwins {
  private static final Logger LOG = LoggerFactory.getLogger(DriverTwins.class);
  /** How often a new connection checks the catalog for retrained models. */
  private static final long REFRESH_NANOS = java.time.Duration.ofSeconds(10).toNanos();
  private static final Map<String, RunningTwin> TWINS = new HashMap<>();
  private static final Map<String, Long> CHECKED = new HashMap<>();
  private static boolean hooked;

  private DriverTwins() {
  }

  /** Whether connections of {@code config} go to a twin: the {@code twin} property, the policy's, the default. */
  public static boolean serves(DriverConfig config, Properties props) throws SQLException {
    String named = SurrogateProperty.TWIN.get(props);
    if (named != null) {
      TwinMode mode = TwinMode.parse(named);
      if (mode == null) {
        throw SqlState.INVALID_PARAMETER_VALUE.create("twin: " + io.surrogate.catalog.Secrets.maskUrl(named)
            + " (expected: embedded, none or jdbc:postgresql://host:port/database?user=...)");
      }
      return mode != TwinMode.NONE;
    }
    return Engines.loadPolicy(config.policyPath()).twinMode(config.sourceUrl()) != TwinMode.NONE;
  }

  /**
   * A connection of the twin's client role, building and starting the twin first if this JVM has none yet; with
   * the {@code sandbox} property, of a writable sandbox instead ({@code *}: one for this connection only, dropped
   * when it closes).
   */
  public static Connection connect(DriverConfig config, Properties props) throws SQLException {
    RunningTwin twin = twin(config, props);
    String sandbox = SurrogateProperty.SANDBOX.get(props);
    if (sandbox == null || sandbox.isBlank()) {
      return twin.client().connect();
    }
    if (!sandbox.strip().equals("*")) {
      return twin.sandbox(sandbox.strip()).connect();
    }
    TwinLogin login = twin.ephemeralSandbox();
    String database = login.url().substring(login.url().lastIndexOf('/') + 1);
    Connection c = login.connect();
    return EphemeralConnection.wrap(c, () -> twin.dropSandboxDatabase(database));
  }

  private static synchronized RunningTwin twin(DriverConfig config, Properties props) throws SQLException {
    String key = String.join("\u0000", config.sourceUrl(), String.valueOf(config.user()),
        String.valueOf(config.policyPath()), config.catalogUrl(), String.valueOf(config.seed()),
        String.valueOf(config.schema()));
    RunningTwin twin = TWINS.get(key);
    if (twin != null && twin.isRunning()) {
      long now = System.nanoTime();
      if (now - CHECKED.getOrDefault(key, now) >= REFRESH_NANOS) {
        CHECKED.put(key, now);
        // outside this class's lock: other connections keep opening on the current generation meanwhile
        RunningTwin due = twin;
        java.util.concurrent.CompletableFuture.runAsync(() -> refreshQuietly(due));
      }
      return twin;
    }
    String home = SurrogateProperty.TWIN_HOME.get(props);
    Properties source = new Properties();
    source.putAll(props);
    source.setProperty(SurrogateProperty.CATALOG.key(), config.catalogUrl());
    String named = SurrogateProperty.TWIN.get(props);
    String server = named != null && TwinMode.parse(named) == TwinMode.SERVER ? named.strip()
        : named == null ? Engines.loadPolicy(config.policyPath()).twinServer().orElse(null) : null;
    twin = server != null ? RunningTwin.onServer(server, config.sourceUrl(), source)
        : RunningTwin.start(config.sourceUrl(), source, home == null ? Catalogs.home() : Path.of(home), "jdbc-");
    TWINS.put(key, twin);
    CHECKED.put(key, System.nanoTime());
    if (!hooked) {
      hooked = true;
      Runtime.getRuntime().addShutdownHook(new Thread(DriverTwins::closeAll, "surrogate-twins-shutdown"));
    }
    return twin;
  }

  private static void refreshQuietly(RunningTwin twin) {
    try {
      twin.refresh();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("twin not rebuilt for the retrained models: {}", e.getMessage());
    }
  }

  private static synchronized void closeAll() {
    for (RunningTwin t : TWINS.values()) {
      try {
        t.close();
      } catch (SQLException e) {
        LOG.warn("stopping the twin {}: {}", t.database(), e.getMessage());
      }
    }
    TWINS.clear();
  }
}
