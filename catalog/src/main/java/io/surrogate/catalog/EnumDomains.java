package io.surrogate.catalog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the labels of PostgreSQL enum-typed columns from {@code pg_enum}. Enum labels are part of the
 * schema, so they are public domains that cost no privacy budget.
 */
final class EnumDomains {
  private EnumDomains() {
  }

  /** Labels per column name for every enum column of the table; empty for other databases. */
  static Map<String, List<String>> of(Connection c, SourceTable table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String product = meta.getDatabaseProductName();
    if (product == null || !product.toLowerCase(Locale.ROOT).contains("postgres")) {
      return Map.of();
    }
    Map<String, List<String>> out = new HashMap<>();
    String sql = "SELECT a.attname, e.enumlabel FROM pg_catalog.pg_attribute a"
        + " JOIN pg_catalog.pg_enum e ON e.enumtypid = a.atttypid"
        + " WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped"
        + " ORDER BY a.attnum, e.enumsortorder";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, table.qualified(meta));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    return out;
  }
}
