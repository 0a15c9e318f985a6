package io.surrogate.driver.twin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the twin database by a newly built one with two renames, so a reader connects to the old twin or the
 * new one, never to a half-loaded one; the old one is dropped afterwards.
 */
final class Swap {
  private static final Logger LOG = LoggerFactory.getLogger(Swap.class);

  private Swap() {
  }

  static void replace(PgEndpoint admin, String built, String twin) throws SQLException {
    String old = twin + "_old";
    try (Connection c = admin.connect(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(old) + " WITH (FORCE)");
      boolean exists;
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        ps.setString(1, twin);
        exists = ps.executeQuery().next();
      }
      if (exists) {
        terminate(c, twin);
        s.execute("ALTER DATABASE " + Identifiers.quote(twin) + " RENAME TO " + Identifiers.quote(old));
      }
      s.execute("ALTER DATABASE " + Identifiers.quote(built) + " RENAME TO " + Identifiers.quote(twin));
      if (exists) {
        s.execute("DROP DATABASE " + Identifiers.quote(old) + " WITH (FORCE)");
      }
    }
  }

  private static void terminate(Connection c, String database) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
      ps.setString(1, database);
      ps.executeQuery().close();
    }
  }

  static void dropQuietly(PgEndpoint admin, String database) {
    try (Connection c = admin.connect(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database) + " WITH (FORCE)");
    } catch (SQLException e) {
      LOG.warn("could not drop the unfinished twin {}: {}", database, e.getMessage());
    }
  }
}
