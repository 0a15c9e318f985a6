package io.surrogate.catalog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL table partitions seen from the policy: a partition is part of its partitioned table, so it takes the
 * root's policy (pagila's {@code payment_p2022_01} is as sensitive as {@code payment}) and its foreign keys are the
 * root's. Other databases have none.
 */
final class Partitions {
  private Partitions() {
  }

  private static boolean postgres(DatabaseMetaData meta) throws SQLException {
    String product = meta.getDatabaseProductName();
    return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
  }

  /** The name of the partitioned table at the root of {@code table}'s tree, or {@code table} itself. */
  static String root(Connection c, String schema, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    if (!postgres(meta)) {
      return table;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT r.relname FROM pg_catalog.pg_class r"
        + " WHERE r.oid = pg_catalog.pg_partition_root(CAST(? AS regclass))")) {
      ps.setString(1, new SourceTable(null, schema, table).qualified(meta));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getString(1) != null ? rs.getString(1) : table;
      }
    }
  }

  /** The partitions of {@code table} at every level, as {@code [schema, name]}; empty for a plain table. */
  static List<String[]> of(Connection c, String schema, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    List<String[]> out = new ArrayList<>();
    if (!postgres(meta)) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname, p.relname"
        + " FROM pg_catalog.pg_partition_tree(CAST(? AS regclass)) t JOIN pg_catalog.pg_class p ON p.oid = t.relid"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = p.relnamespace WHERE t.level > 0 ORDER BY t.level, p.relname")) {
      ps.setString(1, new SourceTable(null, schema, table).qualified(meta));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    return out;
  }
}
