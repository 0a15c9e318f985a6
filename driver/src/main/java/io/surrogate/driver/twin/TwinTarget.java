package io.surrogate.driver.twin;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Where a twin is built: a PostgreSQL server reached as a role that may create databases, and the twin
 * database's name there.
 *
 * @param adminUrl {@code jdbc:postgresql://host:port/database} of any existing database on that server
 * @param user the admin role
 * @param password its password, or null
 * @param database the twin database's name (letters, digits and underscores, at most 40)
 */
public record TwinTarget(String adminUrl, String user, String password, String database) {
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

  /** Validates the URL and the name; 22023 naming the bad one. */
  public TwinTarget {
    try {
      PgEndpoint.parse(adminUrl, user, password);
      if (database == null || !NAME.matcher(database).matches()) {
        throw TwinErrors.invalid("twin database", database, "lower-case letters, digits and _, at most 40");
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  PgEndpoint admin() throws SQLException {
    return PgEndpoint.parse(adminUrl, user, password);
  }
}
