package io.surrogate.proxy;

import io.surrogate.catalog.Secrets;
import io.surrogate.proxy.auth.AuthThrottle;
import io.surrogate.proxy.auth.ScramSecret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Immutable settings of a {@link ProxyServer}, made by a {@link Builder} that validates each value as it is
 * set and the combination in {@link Builder#build()}.
 */
public final class ProxyConfig {
  /** PostgreSQL's own port, which the proxy never takes. */
  public static final int POSTGRES_PORT = 5432;
  /** The proxy's default port. */
  public static final int DEFAULT_PORT = 5433;

  private final String bindAddress;
  private final int port;
  private final String sourceUrl;
  private final Properties driverProperties;
  private final Map<String, ScramSecret> users;
  private final int maxConnections;
  private final Duration idleTimeout;
  private final Duration statementTimeout;
  private final int maxMessageSize;
  private final Path tlsCertificate;
  private final Path tlsPrivateKey;
  private final String serverVersion;
  private final int fetchSize;
  private final int ioThreads;
  private final boolean nativeTransport;
  private final int sourceConnections;
  private final Duration authDelay;
  private final Path twinHome;
  private final Duration twinRefresh;
  private final String twinServer;

  private ProxyConfig(Builder b) {
    this.bindAddress = b.bindAddress;
    this.port = b.port;
    this.sourceUrl = b.sourceUrl;
    this.driverProperties = new Properties();
    this.driverProperties.putAll(b.driverProperties);
    this.users = Collections.unmodifiableMap(new LinkedHashMap<>(b.users));
    this.maxConnections = b.maxConnections;
    this.idleTimeout = b.idleTimeout;
    this.statementTimeout = b.statementTimeout;
    this.maxMessageSize = b.maxMessageSize;
    this.tlsCertificate = b.tlsCertificate;
    this.tlsPrivateKey = b.tlsPrivateKey;
    this.serverVersion = b.serverVersion;
    this.fetchSize = b.fetchSize;
    this.ioThreads = b.ioThreads;
    this.nativeTransport = b.nativeTransport;
    this.sourceConnections = b.sourceConnections;
    this.authDelay = b.authDelay;
    this.twinHome = b.twinHome;
    this.twinRefresh = b.twinRefresh;
    this.twinServer = b.twinServer;
  }

  /**
   * Where the embedded synthetic twin lives (Surrogate's home) when sessions are served from it: then, once
   * authenticated, each session is relayed to the twin; empty when they run on the Calcite engine.
   */
  public Optional<Path> twinHome() {
    return Optional.ofNullable(twinHome);
  }

  /**
   * The JDBC URL of a PostgreSQL server the user provides for the twin ({@code twin: jdbc:postgresql://...}):
   * sessions are relayed to the twin built there; empty for the embedded twin or the Calcite engine.
   */
  public Optional<String> twinServer() {
    return Optional.ofNullable(twinServer);
  }

  /**
   * How often the served twin checks the catalog for retrained models and, finding one, builds a new generation
   * while sessions keep reading the old one (zero: never).
   */
  public Duration twinRefresh() {
    return twinRefresh;
  }

  /** A builder with the defaults: 127.0.0.1:5433, trust auth, 100 connections, 16 MiB messages. */
  public static Builder builder() {
    return new Builder();
  }

  /** Address to listen on. */
  public String bindAddress() {
    return bindAddress;
  }

  /** Port to listen on; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** JDBC URL of the source database, if the engine is the Surrogate driver. */
  public Optional<String> sourceUrl() {
    return Optional.ofNullable(sourceUrl);
  }

  /** A copy of the properties given to the Surrogate driver (policy, catalog...). */
  public Properties driverProperties() {
    Properties copy = new Properties();
    copy.putAll(driverProperties);
    return copy;
  }

  /** Users allowed to log in with SCRAM-SHA-256; empty means trust (loopback only). */
  public Map<String, ScramSecret> users() {
    return users;
  }

  /** Whether clients are trusted without a password (only allowed on a loopback address). */
  public boolean trust() {
    return users.isEmpty();
  }

  /** Most sessions open at once; more are refused with SQLSTATE 53300. */
  public int maxConnections() {
    return maxConnections;
  }

  /** How long an idle session is kept; {@link Duration#ZERO} keeps it forever. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** Longest a statement may run before it is cancelled with 57014; zero means no limit. */
  public Duration statementTimeout() {
    return statementTimeout;
  }

  /** Largest frontend message accepted, in bytes. */
  public int maxMessageSize() {
    return maxMessageSize;
  }

  /** PEM certificate chain for TLS, if TLS is enabled. */
  public Optional<Path> tlsCertificate() {
    return Optional.ofNullable(tlsCertificate);
  }

  /** PEM PKCS#8 private key for TLS, if TLS is enabled. */
  public Optional<Path> tlsPrivateKey() {
    return Optional.ofNullable(tlsPrivateKey);
  }

  /** The {@code server_version} reported to clients. */
  public String serverVersion() {
    return serverVersion;
  }

  /** Rows fetched from the engine per round while streaming a result. */
  public int fetchSize() {
    return fetchSize;
  }

  /** Event-loop threads that read and write client sockets (queries run on session threads). */
  public int ioThreads() {
    return ioThreads;
  }

  /** Whether the server uses Netty's native epoll transport where it is available (else Java NIO). */
  public boolean nativeTransport() {
    return nativeTransport;
  }

  /**
   * The most PostgreSQL protocol connections each event loop opens to a PostgreSQL source for statements Calcite
   * pushed whole into it (0 = such statements run through the engine's JDBC pool like every other).
   */
  public int sourceConnections() {
    return sourceConnections;
  }

  /**
   * How long the answer to a failed login waits, doubling for each further failure from the same client address
   * (see {@link AuthThrottle}); zero answers at once.
   */
  public Duration authDelay() {
    return authDelay;
  }

  /**
   * Half the processors, at least one: event loops only move bytes, since queries run on session threads, and
   * on a small machine every extra loop thread costs wake-ups (the side-by-side bench measured one loop on two
   * cores faster than Netty's default of four).
   */
  public static int defaultIoThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /** Validating builder of {@link ProxyConfig}. */
  public static final class Builder {
    private String bindAddress = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private String sourceUrl;
    private final Properties driverProperties = new Properties();
    private final Map<String, ScramSecret> users = new LinkedHashMap<>();
    private int maxConnections = 100;
    private Duration idleTimeout = Duration.ZERO;
    private Duration statementTimeout = Duration.ZERO;
    private int maxMessageSize = 16 * 1024 * 1024;
    private Path tlsCertificate;
    private Path tlsPrivateKey;
    private String serverVersion = "16.4";
    private int fetchSize = 1000;
    private int ioThreads = defaultIoThreads();
    private boolean nativeTransport = true;
    private int sourceConnections = 8;
    private Duration authDelay = AuthThrottle.DEFAULT_DELAY;
    private Path twinHome;
    private Duration twinRefresh = Duration.ofSeconds(10);
    private String twinServer;

    private Builder() { }

    /**
     * Serves sessions from an embedded synthetic twin kept under {@code home} (Surrogate's home), built from the
     * PostgreSQL source when the server starts; null serves them on the Calcite engine (the default).
     */
    public Builder twinHome(Path home) {
      this.twinHome = home;
      return this;
    }

    /** Builds the twin on the PostgreSQL server {@code url} names, and relays sessions to it. */
    public Builder twinServer(String url) {
      if (url == null || !url.startsWith("jdbc:postgresql://")) {
        throw new IllegalArgumentException("twinServer: '" + Secrets.maskUrl(String.valueOf(url)) + "' (expected:"
            + " jdbc:postgresql://host:port/database?user=...)");
      }
      this.twinServer = url;
      return this;
    }

    /** How often the twin looks for retrained models (default 10 s; zero: never). */
    public Builder twinRefresh(Duration interval) {
      this.twinRefresh = nonNegative("twinRefresh", interval);
      return this;
    }

    /** Address to listen on (default 127.0.0.1). */
    public Builder bindAddress(String address) {
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException("bindAddress: '" + address + "' (expected: a host name or IP address)");
      }
      this.bindAddress = address.strip();
      return this;
    }

    /** Port to listen on (default 5433, 0 picks a free one, 5432 is refused). */
    public Builder port(int port) {
      if (port == POSTGRES_PORT) {
        throw new IllegalArgumentException("port: 5432 (expected: any port but 5432, which belongs to "
            + "PostgreSQL itself; the proxy's default is 5433)");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " (expected: 0..65535, 0 picks a free port)");
      }
      this.port = port;
      return this;
    }

    /** JDBC URL of the source, e.g. {@code jdbc:postgresql://db/app}. */
    public Builder sourceUrl(String url) {
      if (url == null || url.isBlank() || !url.contains(":")) {
        throw new IllegalArgumentException("sourceUrl: '" + Secrets.maskUrl(url) + "' (expected: a JDBC URL such as "
            + "jdbc:postgresql://host/db)");
      }
      this.sourceUrl = url.strip();
      return this;
    }

    /** Adds a Surrogate driver property (policy, catalog, user, password...). */
    public Builder driverProperty(String key, String value) {
      if (key == null || key.isBlank() || value == null) {
        // The value is never echoed: it may be a password.
        throw new IllegalArgumentException("driverProperty: '" + key + "'" + (value == null ? " without a value" : "")
            + " (expected: a non-blank key and a value)");
      }
      driverProperties.setProperty(key, value);
      return this;
    }

    /** Adds a user with a password, stored only as a salted SCRAM-SHA-256 verifier. */
    public Builder user(String name, char[] password) {
      checkUserName(name);
      if (password == null || password.length == 0) {
        throw new IllegalArgumentException("password of user '" + name + "': empty (expected: a password)");
      }
      users.put(name, ScramSecret.fromPassword(password, new SecureRandom()));
      return this;
    }

    /** Adds a user with a stored verifier in PostgreSQL's {@code SCRAM-SHA-256$...} form. */
    public Builder userSecret(String name, String scramSecret) {
      checkUserName(name);
      users.put(name, ScramSecret.parse(scramSecret));
      return this;
    }

    private static void checkUserName(String name) {
      if (name == null || name.isBlank() || name.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("user name: '" + name + "' (expected: a non-blank name)");
      }
    }

    /** Most concurrent sessions (default 100). */
    public Builder maxConnections(int max) {
      if (max < 1 || max > 100_000) {
        throw new IllegalArgumentException("maxConnections: " + max + " (expected: 1..100000)");
      }
      this.maxConnections = max;
      return this;
    }

    /** Idle sessions are closed after this long (default zero: never). */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = nonNegative("idleTimeout", timeout);
      return this;
    }

    /** Statements are cancelled after this long (default zero: no limit). */
    public Builder statementTimeout(Duration timeout) {
      this.statementTimeout = nonNegative("statementTimeout", timeout);
      return this;
    }

    private static Duration nonNegative(String name, Duration d) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException(name + ": " + d + " (expected: >= 0, zero disables it)");
      }
      return d;
    }

    /** Largest frontend message in bytes (default 16 MiB). */
    public Builder maxMessageSize(int bytes) {
      if (bytes < 1024 || bytes > 1 << 30) {
        throw new IllegalArgumentException("maxMessageSize: " + bytes + " (expected: 1024..1073741824)");
      }
      this.maxMessageSize = bytes;
      return this;
    }

    /** Enables TLS with a PEM certificate chain and a PEM PKCS#8 private key. */
    public Builder tls(Path certificate, Path privateKey) {
      for (Path p : new Path[] {certificate, privateKey}) {
        if (p == null || !Files.isReadable(p)) {
          throw new IllegalArgumentException("tls: '" + p + "' (expected: a readable PEM file)");
        }
      }
      this.tlsCertificate = certificate;
      this.tlsPrivateKey = privateKey;
      return this;
    }

    /** The {@code server_version} to report (default 16.4). */
    public Builder serverVersion(String version) {
      if (version == null || !version.matches("\\d+(\\.\\d+)?.*")) {
        throw new IllegalArgumentException("serverVersion: '" + version + "' (expected: e.g. 16.4)");
      }
      this.serverVersion = version;
      return this;
    }

    /** Rows fetched from the engine per round when streaming (default 1000). */
    public Builder fetchSize(int rows) {
      if (rows < 1 || rows > 1_000_000) {
        throw new IllegalArgumentException("fetchSize: " + rows + " (expected: 1..1000000)");
      }
      this.fetchSize = rows;
      return this;
    }

    /** Event-loop threads for client sockets (default: half the processors, at least one). */
    public Builder ioThreads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("ioThreads: " + threads + " (expected: 1..1024)");
      }
      this.ioThreads = threads;
      return this;
    }

    /** Whether to use native epoll where available (default true); false always uses Java NIO. */
    public Builder nativeTransport(boolean useNative) {
      this.nativeTransport = useNative;
      return this;
    }

    /**
     * The most protocol connections each event loop opens to a PostgreSQL source for pushed-down statements
     * (default 8; 0 runs them on the engine's JDBC pool instead).
     */
    public Builder sourceConnections(int connections) {
      if (connections < 0 || connections > 1000) {
        throw new IllegalArgumentException("sourceConnections: " + connections + " (expected: 0..1000)");
      }
      this.sourceConnections = connections;
      return this;
    }

    /**
     * Base delay of the answer to a failed login (default 200 ms), doubling per further failure from the same
     * address up to {@link AuthThrottle#MAX_DELAY}; zero disables it.
     */
    public Builder authDelay(Duration delay) {
      this.authDelay = nonNegative("authDelay", delay);
      return this;
    }

    /** Checks the combination (trust only on loopback) and returns the immutable configuration. */
    public ProxyConfig build() {
      if (twinHome != null && twinServer != null) {
        throw new IllegalArgumentException("twin: both embedded (twinHome) and a server (twinServer); give one");
      }
      if ((twinHome != null || twinServer != null) && sourceUrl == null) {
        throw new IllegalArgumentException("twin: embedded without a source (expected: the JDBC URL of the source"
            + " the twin is built from)");
      }
      if (users.isEmpty() && !isLoopback(bindAddress)) {
        throw new IllegalArgumentException("bindAddress: " + bindAddress + " with no users (expected: a "
            + "loopback address such as 127.0.0.1 for trust authentication, or at least one SCRAM user)");
      }
      return new ProxyConfig(this);
    }

    private static boolean isLoopback(String address) {
      try {
        return InetAddress.getByName(address).isLoopbackAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("bindAddress: '" + address + "' (expected: a resolvable address)", e);
      }
    }
  }
}
