package io.surrogate.driver.twin;

import io.surrogate.catalog.SqlState;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * The twin's client role and its grants. Clients log in as {@link EmbeddedTwin#CLIENT_ROLE}: no superuser, no
 * role, database or replication rights, member of no role (so none of {@code pg_read_server_files},
 * {@code pg_write_server_files}, {@code pg_execute_server_program}), no USAGE on any foreign-data wrapper or
 * server, CONNECT and TEMPORARY on twin databases, USAGE on their schemas and SELECT on their tables.
 */
public final class TwinRoles {
  private TwinRoles() {
  }

  /**
   * Grants the client role what a read-mostly application needs in {@code schema}: USAGE on it, SELECT on its
   * tables, views and sequences. Call it as the admin after creating tables there by other means than the
   * admin's own DDL (which the default privileges of {@link EmbeddedTwin#createDatabase} cover already).
   * Never call it for a foreign table: expose those through a view the admin owns.
   */
  public static void grantClient(Connection admin, String schema) throws SQLException {
    String s = quote(schema, "schema");
    try (Statement st = admin.createStatement()) {
      st.execute("GRANT USAGE ON SCHEMA " + s + " TO " + EmbeddedTwin.CLIENT_ROLE);
      st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + s + " TO " + EmbeddedTwin.CLIENT_ROLE);
      st.execute("GRANT SELECT ON ALL SEQUENCES IN SCHEMA " + s + " TO " + EmbeddedTwin.CLIENT_ROLE);
    }
  }

  /**
   * Creates the client role if missing and (again at every start) sets its attributes, revokes any role
   * membership and sets its password, hashed on this side so no plain password reaches the server's log.
   */
  static void ensureClient(Connection admin, String password) throws SQLException {
    ensureRole(admin, EmbeddedTwin.CLIENT_ROLE, password);
  }

  /** The role sandbox sessions log in as: like the client, but the owner of what is in its sandboxes. */
  public static final String SANDBOX_ROLE = "surrogate_sandbox";

  /** {@link #ensureClient} for the sandbox role. */
  static void ensureSandbox(Connection admin, String password) throws SQLException {
    ensureRole(admin, SANDBOX_ROLE, password);
  }

  private static void ensureRole(Connection admin, String role, String password) throws SQLException {
    try (Statement st = admin.createStatement()) {
      boolean exists;
      try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        st.execute("CREATE ROLE " + role + " LOGIN");
      }
      st.execute("ALTER ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
      for (String granted : memberships(admin, role)) {
        st.execute("REVOKE " + quote(granted, "role") + " FROM " + role);
      }
    }
    admin.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
  }

  /**
   * Sets up a new twin database, connected to as the admin: nobody but the admin may create in schema
   * {@code public}, the client may use it, and what the admin creates later is readable by the client.
   */
  static void prepareDatabase(Connection admin) throws SQLException {
    String client = EmbeddedTwin.CLIENT_ROLE;
    String forAdmin = "ALTER DEFAULT PRIVILEGES FOR ROLE " + EmbeddedTwin.ADMIN_ROLE;
    try (Statement st = admin.createStatement()) {
      st.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
      st.execute("GRANT USAGE ON SCHEMA public TO " + client);
      st.execute(forAdmin + " GRANT USAGE ON SCHEMAS TO " + client);
      st.execute(forAdmin + " GRANT SELECT ON TABLES TO " + client);
      st.execute(forAdmin + " GRANT SELECT ON SEQUENCES TO " + client);
    }
  }

  private static List<String> memberships(Connection admin, String role) throws SQLException {
    List<String> roles = new ArrayList<>();
    try (PreparedStatement ps = admin.prepareStatement("SELECT g.rolname FROM pg_auth_members m"
        + " JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = ?")) {
      ps.setString(1, role);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          roles.add(rs.getString(1));
        }
      }
    }
    return roles;
  }

  /** {@code name} as a quoted PostgreSQL identifier; 22023 when it is empty, too long or holds NUL. */
  static String quote(String name, String what) throws SQLException {
    if (name == null || name.isEmpty() || name.indexOf('\0') >= 0
        || name.getBytes(StandardCharsets.UTF_8).length > 63) {
      throw SqlState.INVALID_PARAMETER_VALUE.create(what + " name: " + (name == null ? null : "'"
          + name.replace("\0", "\\0") + "'") + " (expected: 1 to 63 bytes without NUL)");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
