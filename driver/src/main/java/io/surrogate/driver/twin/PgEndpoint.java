package io.surrogate.driver.twin;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One PostgreSQL server and database as both pgJDBC and the client tools ({@code pg_dump}, {@code psql}) reach it.
 *
 * @param host host name
 * @param port port
 * @param database database name
 * @param user login role, or null for the tools' default
 * @param password password, or null
 */
record PgEndpoint(String host, int port, String database, String user, String password) {

  /** Parses {@code jdbc:postgresql://host[:port]/database[?...]}; 22023 for anything else. */
  static PgEndpoint parse(String jdbcUrl, String user, String password) throws SQLException {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
      throw TwinErrors.invalid("url", jdbcUrl, "jdbc:postgresql://host:port/database");
    }
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    String path = uri.getPath();
    if (uri.getHost() == null || path == null || path.length() < 2) {
      throw TwinErrors.invalid("url", jdbcUrl, "jdbc:postgresql://host:port/database");
    }
    return new PgEndpoint(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path.substring(1), user, password);
  }

  /** The same server, another database. */
  PgEndpoint withDatabase(String name) {
    return new PgEndpoint(host, port, name, user, password);
  }

  /** This endpoint's login, for {@link TwinServer#admin}. */
  TwinLogin login() {
    return new TwinLogin(jdbcUrl(), user, password);
  }

  String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  Connection connect() throws SQLException {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    return DriverManager.getConnection(jdbcUrl(), p);
  }

  /** Connection arguments of the client tools; the password goes through the environment, never argv. */
  java.util.List<String> toolArguments() {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("-h", host, "-p", Integer.toString(port)));
    if (user != null) {
      args.add("-U");
      args.add(user);
    }
    args.add("-d");
    args.add(database);
    return args;
  }
}
