package io.surrogate.driver.twin;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writable copies of a twin: each sandbox is a database made with {@code CREATE DATABASE ... TEMPLATE} from the
 * twin generation's template (a copy no session ever connects to), every object of which then belongs to the
 * sandbox role, so a test environment may insert, update, delete, truncate and migrate there; nothing it does
 * reaches the twin or the source, and its rows are the twin's, synthetic where the twin's are.
 */
final class Sandboxes {
  private static final Logger LOG = LoggerFactory.getLogger(Sandboxes.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,24}");
  /**
   * The statements that give the sandbox role every object of a sandbox: schemas, tables, partitions, views,
   * sequences not owned by a column (those follow their table), types and routines.
   */
  private static final String OWNERSHIP = """
      SELECT format('ALTER SCHEMA %I OWNER TO surrogate_sandbox', nspname) FROM pg_namespace
      WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
      UNION ALL
      SELECT format(CASE c.relkind WHEN 'v' THEN 'ALTER VIEW %s OWNER TO surrogate_sandbox'
                                   WHEN 'm' THEN 'ALTER MATERIALIZED VIEW %s OWNER TO surrogate_sandbox'
                                   WHEN 'S' THEN 'ALTER SEQUENCE %s OWNER TO surrogate_sandbox'
                                   WHEN 'f' THEN 'ALTER FOREIGN TABLE %s OWNER TO surrogate_sandbox'
                                   ELSE 'ALTER TABLE %s OWNER TO surrogate_sandbox' END, c.oid::regclass)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                 AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
      UNION ALL
      SELECT format(CASE t.typtype WHEN 'd' THEN 'ALTER DOMAIN %s OWNER TO surrogate_sandbox'
                                   ELSE 'ALTER TYPE %s OWNER TO surrogate_sandbox' END, t.oid::regtype)
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND t.typtype IN ('e', 'd', 'r', 'm')
      UNION ALL
      SELECT format(CASE p.prokind WHEN 'a' THEN 'ALTER AGGREGATE %s OWNER TO surrogate_sandbox'
                                   ELSE 'ALTER ROUTINE %s OWNER TO surrogate_sandbox' END, p.oid::regprocedure)
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                        AND d.deptype = 'e')""";

  private final TwinServer server;
  private final String prefix;
  private final int cap;

  /**
   * @param prefix the twin's database name: sandboxes are {@code <prefix>_sbx_<name>}, ephemeral ones
   *     {@code <prefix>_eph_<random>}
   * @param cap the most sandboxes, named and ephemeral, that may exist at once
   */
  Sandboxes(TwinServer server, String prefix, int cap) {
    this.server = server;
    this.prefix = prefix;
    this.cap = cap;
  }

  /** The template of a generation: its copy that no session connects to, made right after it is built. */
  static String template(String generation) {
    return generation + "_tpl";
  }

  /** Makes the template of a freshly built generation, before any session connects to it. */
  static void makeTemplate(TwinServer server, String generation) throws SQLException {
    String tpl = template(generation);
    try (Connection c = server.admin("postgres").connect(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(tpl));
      s.execute("CREATE DATABASE " + Identifiers.quote(tpl) + " TEMPLATE " + Identifiers.quote(generation));
      s.execute("ALTER DATABASE " + Identifiers.quote(tpl) + " ALLOW_CONNECTIONS false");
    }
  }

  /** Drops the template of a generation no longer served. */
  static void dropTemplate(TwinServer server, String generation) throws SQLException {
    try (Connection c = server.admin("postgres").connect(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(template(generation)));
    }
  }

  /** The database of named sandbox {@code name}; 3D000 naming what a name may hold. */
  String database(String name) throws SQLException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw TwinErrors.create("3D000", "sandbox \"" + name + "\" (expected: a name of 1 to 24 lower-case letters,"
          + " digits and _)");
    }
    return prefix + "_sbx_" + name;
  }

  /** A new ephemeral sandbox's database name. */
  String ephemeral() {
    return prefix + "_eph_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
  }

  /**
   * Creates {@code database} from {@code generation}'s template unless it exists; the sandbox role owns all of it.
   *
   * @return whether it was created now
   * @throws SQLException 53400 when {@code cap} sandboxes exist already
   */
  synchronized boolean ensure(String database, String generation, String schema) throws SQLException {
    try (Connection c = server.admin("postgres").connect(); Statement s = c.createStatement()) {
      if (exists(c, database)) {
        return false;
      }
      if (list(c).size() >= cap) {
        throw TwinErrors.create("53400", "sandbox limit reached: " + cap + " sandboxes exist (expected: fewer;"
            + " drop one, or let ephemeral ones end with their connections)");
      }
      s.execute("CREATE DATABASE " + Identifiers.quote(database) + " TEMPLATE " + Identifiers.quote(
          template(generation)));
      s.execute("REVOKE ALL ON DATABASE " + Identifiers.quote(database) + " FROM PUBLIC");
      s.execute("ALTER DATABASE " + Identifiers.quote(database) + " OWNER TO " + TwinRoles.SANDBOX_ROLE);
      String path = schema == null || schema.isBlank() ? "DEFAULT" : Identifiers.quote(schema) + ", public";
      s.execute("ALTER ROLE " + TwinRoles.SANDBOX_ROLE + " IN DATABASE " + Identifiers.quote(database)
          + " SET search_path = " + path);
    }
    try (Connection c = server.admin(database).connect(); Statement s = c.createStatement()) {
      List<String> alter = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(OWNERSHIP)) {
        while (rs.next()) {
          alter.add(rs.getString(1));
        }
      }
      for (String sql : alter) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      drop(database);
      throw e;
    }
    LOG.info("sandbox {} created from {}", database, template(generation));
    return true;
  }

  /** Marks named sandbox {@code database} to be dropped at {@code expires} (epoch seconds) by the next sweep. */
  synchronized void expireAt(String database, long expires) throws SQLException {
    try (Connection c = server.admin("postgres").connect(); Statement s = c.createStatement()) {
      s.execute("COMMENT ON DATABASE " + Identifiers.quote(database) + " IS 'surrogate sandbox; expires " + expires
          + "'");
    }
  }

  /** Drops the sandboxes whose time to live has passed; returns their databases. */
  synchronized List<String> sweep(long now) throws SQLException {
    List<String> expired = new ArrayList<>();
    try (Connection c = server.admin("postgres").connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT d.datname, shobj_description(d.oid, 'pg_database') FROM pg_database d WHERE d.datname LIKE ?")) {
      ps.setString(1, prefix.replace("_", "\\_") + "\\_sbx\\_%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String comment = rs.getString(2);
          if (comment != null && comment.startsWith("surrogate sandbox; expires ")
              && Long.parseLong(comment.substring("surrogate sandbox; expires ".length())) <= now) {
            expired.add(rs.getString(1));
          }
        }
      }
    }
    for (String db : expired) {
      drop(db);
    }
    return expired;
  }

  /** Drops {@code database}, ending its sessions. */
  synchronized void drop(String database) throws SQLException {
    try (Connection c = server.admin("postgres").connect(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database) + " WITH (FORCE)");
    }
    LOG.info("sandbox {} dropped", database);
  }

  /** The sandbox databases that exist, named and ephemeral. */
  synchronized List<String> list() throws SQLException {
    try (Connection c = server.admin("postgres").connect()) {
      return list(c);
    }
  }

  private List<String> list(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ? OR datname"
        + " LIKE ? ORDER BY 1")) {
      ps.setString(1, prefix.replace("_", "\\_") + "\\_sbx\\_%");
      ps.setString(2, prefix.replace("_", "\\_") + "\\_eph\\_%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static boolean exists(Connection c, String database) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
