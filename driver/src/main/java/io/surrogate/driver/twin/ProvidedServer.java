package io.surrogate.driver.twin;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A PostgreSQL server the user provides for the twin ({@code twin: jdbc:postgresql://host:port/twin_db?user=...}):
 * Surrogate logs in as the URL's role, which must be allowed to create databases and roles, builds the twin
 * database the URL names there, and gives clients the role {@code surrogate_client} with a fresh random password
 * at every start (a second Surrogate on the same server resets it: give each its own server). Closing it leaves the
 * server and the twin database as they are.
 */
final class ProvidedServer implements TwinServer {
  private final PgEndpoint endpoint;
  private final String clientPassword;
  private final String version;
  private volatile boolean closed;

  private ProvidedServer(PgEndpoint endpoint, String clientPassword, String version) {
    this.endpoint = endpoint;
    this.clientPassword = clientPassword;
    this.version = version;
  }

  /** Connects as the URL's role, checks it can build twins, and sets up the client role. */
  static ProvidedServer open(PgEndpoint endpoint) throws SQLException {
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    String version;
    try (Connection c = endpoint.withDatabase("postgres").connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT current_setting('server_version'),"
          + " rolsuper OR (rolcreatedb AND rolcreaterole) FROM pg_roles WHERE rolname = current_user")) {
        rs.next();
        version = rs.getString(1).split(" ")[0];
        if (!rs.getBoolean(2)) {
          throw TwinErrors.create(TwinErrors.INSUFFICIENT_PRIVILEGE, "twin server " + endpoint.host() + ":" + endpoint.port() + ": role "
              + endpoint.user() + " may not create databases and roles (expected: a role with CREATEDB and"
              + " CREATEROLE, or a superuser)");
        }
      }
      TwinRoles.ensureClient(c, password);
    }
    return new ProvidedServer(endpoint, password, version);
  }

  /**
   * The server and twin database {@code url} names, with the role and password of its {@code user} and
   * {@code password} parameters; 22023 for anything but {@code jdbc:postgresql://host[:port]/database}.
   */
  static PgEndpoint endpoint(String url) throws SQLException {
    java.util.Properties parsed = url == null || !url.startsWith("jdbc:postgresql://") ? null
        : org.postgresql.Driver.parseURL(url, new java.util.Properties());
    if (parsed == null || parsed.getProperty("PGDBNAME") == null || parsed.getProperty("PGDBNAME").isEmpty()) {
      throw TwinErrors.invalid("twin", io.surrogate.catalog.Secrets.maskUrl(url), "embedded, none or jdbc:postgresql://host[:port]/database?user=...");
    }
    return new PgEndpoint(parsed.getProperty("PGHOST").split(",")[0],
        Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]), parsed.getProperty("PGDBNAME"),
        parsed.getProperty("user"), parsed.getProperty("password"));
  }

  /** The twin database's name: the URL's database. */
  String database() {
    return endpoint.database();
  }

  @Override
  public TwinLogin admin(String database) {
    return endpoint.withDatabase(database).login();
  }

  @Override
  public TwinLogin client(String database) {
    return new TwinLogin(endpoint.withDatabase(database).jdbcUrl(), EmbeddedTwin.CLIENT_ROLE, clientPassword);
  }

  @Override
  public String host() {
    return endpoint.host();
  }

  @Override
  public int port() {
    return endpoint.port();
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public boolean isRunning() {
    return !closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
