package io.surrogate.driver.twin;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL cluster Surrogate runs itself as the synthetic twin, from the binaries on the class path.
 * {@link #start(TwinConfig)} unpacks them once per version, runs initdb once per data directory (superuser
 * {@value #ADMIN_ROLE}, SCRAM passwords), starts postgres on 127.0.0.1 and a private socket directory, waits
 * until it accepts connections and ensures the client role {@value #CLIENT_ROLE}; {@link #close()} (or the JVM's
 * shutdown hook) stops it with a fast shutdown. Under a root JVM the server runs as an unprivileged user.
 */
public final class EmbeddedTwin implements TwinServer {
  /** The twin's superuser: Surrogate's own role for schema copy and materialization. */
  public static final String ADMIN_ROLE = "surrogate_admin";
  /** The role clients log in as; see {@link TwinRoles} for what it may not do. */
  public static final String CLIENT_ROLE = "surrogate_client";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTwin.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final TwinConfig config;
  private final EmbeddedCluster cluster;
  private final EmbeddedCredentials credentials;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Process process;
  private final int port;
  private final Duration startDuration;
  private final Thread shutdownHook;
  private final Object closeLock = new Object();
  private boolean closed;

  private EmbeddedTwin(TwinConfig config, EmbeddedCluster cluster, EmbeddedCredentials credentials,
      FileChannel lockChannel, FileLock lock, EmbeddedCluster.Started started, Duration startDuration) {
    this.config = config;
    this.cluster = cluster;
    this.credentials = credentials;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.process = started.process();
    this.port = started.port();
    this.startDuration = startDuration;
    this.shutdownHook = new Thread(this::closeQuietly, "surrogate-twin-" + config.name() + "-shutdown");
  }

  /**
   * Starts the twin {@code config} describes, creating it on first use.
   *
   * @throws SQLException 55006 when another process runs this twin, 58000 when a file or program step fails
   *     (unpacking, initdb, postgres), 08001 when the server does not accept connections in time; the message
   *     names the path and step and ends with the server log's last lines
   */
  public static EmbeddedTwin start(TwinConfig config) throws SQLException {
    long begin = System.nanoTime();
    long deadline = begin + config.startTimeout().toNanos();
    EmbeddedUser user = EmbeddedUser.resolve(config.serverUser());
    EmbeddedLayout layout = EmbeddedLayout.prepare(config, user);
    FileChannel channel = null;
    FileLock lock = null;
    try {
      channel = FileChannel.open(layout.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      throw EmbeddedErrors.system("embedded twin: cannot lock " + layout.lock() + ": " + e, e);
    }
    if (lock == null) {
      closeChannel(channel);
      throw EmbeddedErrors.inUse("embedded twin: " + layout.data() + " is in use by another twin of this or"
          + " another process (lock " + layout.lock() + ")");
    }
    try {
      Path pgHome = EmbeddedBinaries.unpack(config.version(), layout.binaries());
      EmbeddedCredentials credentials = EmbeddedCredentials.loadOrCreate(layout.credentials());
      EmbeddedCluster cluster = new EmbeddedCluster(layout, user, pgHome, config.majorVersion());
      cluster.initIfNeeded(credentials.admin(), deadline);
      cluster.stopLeftover(deadline);
      EmbeddedCluster.Started started = cluster.start(config.port(), credentials.admin(), deadline);
      EmbeddedTwin twin = new EmbeddedTwin(config, cluster, credentials, channel, lock, started,
          Duration.ofNanos(System.nanoTime() - begin));
      try {
        try (Connection c = twin.admin("postgres").connect()) {
          TwinRoles.ensureClient(c, credentials.client());
        }
        Runtime.getRuntime().addShutdownHook(twin.shutdownHook);
      } catch (SQLException | RuntimeException e) {
        twin.closeQuietly();
        throw e;
      }
      LOG.info("embedded twin PostgreSQL {} ({}) on 127.0.0.1:{} as {} started in {} ms", config.version(),
          layout.data(), twin.port, user.name(), twin.startDuration.toMillis());
      return twin;
    } catch (SQLException | RuntimeException e) {
      if (lock.isValid()) {
        releaseLock(lock, channel);
      }
      throw e;
    }
  }

  public TwinConfig config() {
    return config;
  }

  /** The loopback port the server listens on. */
  public int port() {
    return port;
  }

  /** The full PostgreSQL version, such as {@code 17.11.0}. */
  public String version() {
    return config.version();
  }

  public Path dataDirectory() {
    return cluster.dataDirectory();
  }

  /** The private unix-socket directory, absent when its path would be too long for a socket. */
  public Optional<Path> socketDirectory() {
    return Optional.ofNullable(cluster.socketDirectory());
  }

  /** The server's log file. */
  public Path logFile() {
    return cluster.log();
  }

  /** How long {@link #start(TwinConfig)} took, from the call until the server accepted connections. */
  public Duration startDuration() {
    return startDuration;
  }

  /** Loopback: the embedded twin listens nowhere else. */
  @Override
  public String host() {
    return "127.0.0.1";
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}, without credentials. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The superuser's login to {@code database}: for Surrogate's own schema copy and materialization only. */
  @Override
  public TwinLogin admin(String database) {
    return new TwinLogin(url(database), ADMIN_ROLE, credentials.admin());
  }

  /** {@link #admin(String)} as a data source. */
  public DataSource adminDataSource(String database) {
    return admin(database).dataSource();
  }

  /** The client role's login to {@code database}: what clients of the twin use. */
  @Override
  public TwinLogin client(String database) {
    return new TwinLogin(url(database), CLIENT_ROLE, credentials.client());
  }

  /**
   * Creates twin database {@code name}, owned by the admin: only the client role (and the admin) may connect,
   * the client may use schema {@code public}, and tables, views, sequences and schemas the admin creates there
   * later are readable by the client (default privileges). 42P04 when it exists, 22023 on a bad name.
   */
  public void createDatabase(String name) throws SQLException {
    String db = TwinRoles.quote(name, "database");
    try (Connection c = admin("postgres").connect(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db + " OWNER " + ADMIN_ROLE + " TEMPLATE template0 ENCODING 'UTF8'");
      s.execute("REVOKE ALL ON DATABASE " + db + " FROM PUBLIC");
      s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + db + " TO " + CLIENT_ROLE);
    }
    try (Connection c = admin(name).connect()) {
      TwinRoles.prepareDatabase(c);
    }
  }

  /** Drops twin database {@code name} if it exists, ending its sessions. */
  public void dropDatabase(String name) throws SQLException {
    String db = TwinRoles.quote(name, "database");
    try (Connection c = admin("postgres").connect(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    }
  }

  /** True until {@link #close()} and while the server process lives. */
  public boolean isRunning() {
    synchronized (closeLock) {
      return !closed && process.isAlive();
    }
  }

  /** Stops the server (fast shutdown: sessions end, transactions roll back) and releases the twin. Idempotent. */
  @Override
  public void close() throws SQLException {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // The JVM is shutting down (this may be the hook itself), or the hook was never added.
    }
    try {
      cluster.stop(process, System.nanoTime() + STOP_TIMEOUT.toNanos());
      LOG.info("embedded twin {} stopped", dataDirectory());
    } finally {
      releaseLock(lock, lockChannel);
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (SQLException e) {
      LOG.warn("embedded twin {}: {}", dataDirectory(), e.getMessage());
    }
  }

  private static void releaseLock(FileLock lock, FileChannel channel) {
    try {
      lock.release();
    } catch (IOException e) {
      LOG.warn("embedded twin: cannot release lock: {}", e.getMessage());
    }
    closeChannel(channel);
  }

  private static void closeChannel(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warn("embedded twin: cannot close lock file: {}", e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return "EmbeddedTwin[" + config.version() + " on 127.0.0.1:" + port + ", " + dataDirectory() + "]";
  }
}
