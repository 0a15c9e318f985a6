package io.surrogate.catalog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the base types of PostgreSQL domain-typed columns (JDBC reports a domain as {@code DISTINCT}), so a column
 * of pagila's {@code year} domain over {@code integer} is modelled as the integer it is.
 */
final class DomainTypes {
  private DomainTypes() {
  }

  /** The JDBC type and base type name of a domain column's base type. */
  record Base(int jdbcType, String typeName) {
  }

  /** Base type per column name for every domain column of the table; empty for other databases. */
  static Map<String, Base> of(Connection c, SourceTable table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String product = meta.getDatabaseProductName();
    if (product == null || !product.toLowerCase(Locale.ROOT).contains("postgres")) {
      return Map.of();
    }
    Map<String, Base> out = new HashMap<>();
    String sql = "SELECT a.attname, bt.typname, bt.typcategory FROM pg_catalog.pg_attribute a"
        + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid AND t.typtype = 'd'"
        + " JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype"
        + " WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, table.qualified(meta));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String base = rs.getString(2);
          int jdbc = "A".equals(rs.getString(3)) ? Types.ARRAY : jdbcType(base);
          out.put(rs.getString(1), new Base(jdbc, base));
        }
      }
    }
    return out;
  }

  /** The JDBC type pgJDBC reports for a built-in base type; OTHER for the rest. */
  static int jdbcType(String typname) {
    return switch (typname) {
      case "bool" -> Types.BIT;
      case "int2" -> Types.SMALLINT;
      case "int4", "oid" -> Types.INTEGER;
      case "int8" -> Types.BIGINT;
      case "numeric" -> Types.NUMERIC;
      case "float4" -> Types.REAL;
      case "float8" -> Types.DOUBLE;
      case "bpchar" -> Types.CHAR;
      case "varchar", "text", "name" -> Types.VARCHAR;
      case "date" -> Types.DATE;
      case "timestamp" -> Types.TIMESTAMP;
      case "timestamptz" -> Types.TIMESTAMP_WITH_TIMEZONE;
      case "bytea" -> Types.BINARY;
      default -> Types.OTHER;
    };
  }
}
