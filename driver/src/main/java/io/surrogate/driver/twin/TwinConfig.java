package io.surrogate.driver.twin;

import io.surrogate.catalog.Catalogs;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The validated settings of an {@link EmbeddedTwin}: where its files live, which PostgreSQL major it runs, and
 * on which loopback port. Built once by {@link Builder#build()}, which checks every value and fails with 22023
 * naming the value and what was expected (58000 when no binaries are on the class path).
 */
public final class TwinConfig {
  /** The major a twin runs when none is named: the newest shipped. */
  public static final int DEFAULT_MAJOR = 17;
  /** PostgreSQL's default port, never the twin's: it is most likely the source's. */
  static final int RESERVED_PORT = 5432;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  private static final Duration MAX_START_TIMEOUT = Duration.ofMinutes(10);

  private final Path home;
  private final String name;
  private final int majorVersion;
  private final String version;
  private final int port;
  private final Duration startTimeout;
  private final String serverUser;

  private TwinConfig(Builder b, String version) {
    this.home = b.home.toAbsolutePath().normalize();
    this.name = b.name != null ? b.name : "pg" + b.majorVersion;
    this.majorVersion = b.majorVersion;
    this.version = version;
    this.port = b.port;
    this.startTimeout = b.startTimeout;
    this.serverUser = b.serverUser;
  }

  /** A builder whose files live under {@code home} (Surrogate's home, {@code SURROGATE_HOME}). */
  public static Builder builder(Path home) {
    return new Builder(Objects.requireNonNull(home, "home"));
  }

  /** The defaults: PostgreSQL {@value #DEFAULT_MAJOR} under {@link Catalogs#home()} on a free port. */
  public static TwinConfig defaults() throws SQLException {
    return builder(Catalogs.home()).build();
  }

  /** Surrogate's home: binaries in {@code pg/<version>}, the cluster in {@code twin/<name>}. */
  public Path home() {
    return home;
  }

  /** The cluster's name, its directory under {@code twin/}; {@code pg<major>} by default. */
  public String name() {
    return name;
  }

  public int majorVersion() {
    return majorVersion;
  }

  /** The full version of the shipped binaries of {@link #majorVersion()}, such as {@code 17.11.0}. */
  public String version() {
    return version;
  }

  /** The loopback port; 0 picks a free one at each start. */
  public int port() {
    return port;
  }

  /** How long a start may take in all: unpacking, initdb and the server accepting connections. */
  public Duration startTimeout() {
    return startTimeout;
  }

  /** The unprivileged user the server runs as when the JVM runs as root ({@code nobody} by default). */
  public String serverUser() {
    return serverUser;
  }

  @Override
  public String toString() {
    return "TwinConfig[home=" + home + ", name=" + name + ", version=" + version + ", port=" + port
        + ", startTimeout=" + startTimeout + ", serverUser=" + serverUser + "]";
  }

  /** Collects the settings; {@link #build()} validates them all. */
  public static final class Builder {
    private final Path home;
    private String name;
    private int majorVersion = DEFAULT_MAJOR;
    private int port;
    private Duration startTimeout = Duration.ofSeconds(60);
    private String serverUser = "nobody";

    private Builder(Path home) {
      this.home = home;
    }

    /** The cluster's directory name under {@code twin/}: lower-case letters, digits, {@code _} and {@code -}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The PostgreSQL major: keep it equal to the source's, as pg_dump refuses servers newer than itself. */
    public Builder majorVersion(int majorVersion) {
      this.majorVersion = majorVersion;
      return this;
    }

    /** 0 (a free port, the default) or a port from 1024 to 65535 other than 5432. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    public Builder serverUser(String serverUser) {
      this.serverUser = serverUser;
      return this;
    }

    /** The validated config: 22023 on a bad value, 58000 when the binaries are not on the class path. */
    public TwinConfig build() throws SQLException {
      if (name != null && !NAME.matcher(name).matches()) {
        throw EmbeddedErrors.invalid("twin name", "'" + name + "'", "1 to 32 of a-z, 0-9, _ and -, not starting with _ or -");
      }
      if (port != 0 && (port < 1024 || port > 65535 || port == RESERVED_PORT)) {
        throw EmbeddedErrors.invalid("twin port", port, "0 for a free port, or 1024 to 65535 other than " + RESERVED_PORT);
      }
      if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()
          || startTimeout.compareTo(MAX_START_TIMEOUT) > 0) {
        throw EmbeddedErrors.invalid("twin start timeout", startTimeout, "more than 0 and at most " + MAX_START_TIMEOUT);
      }
      if (serverUser == null || !USER.matcher(serverUser).matches() || serverUser.equals("root")) {
        throw EmbeddedErrors.invalid("twin server user", serverUser == null ? null : "'" + serverUser + "'",
            "an unprivileged system user name such as nobody");
      }
      Map<Integer, String> shipped = EmbeddedBinaries.shipped();
      String version = shipped.get(majorVersion);
      if (version == null) {
        throw EmbeddedErrors.invalid("twin PostgreSQL major", majorVersion, "one of the shipped majors " + shipped.keySet());
      }
      return new TwinConfig(this, version);
    }
  }
}
