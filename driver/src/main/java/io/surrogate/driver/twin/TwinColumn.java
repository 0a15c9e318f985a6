package io.surrogate.driver.twin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One column of a twin table as the twin's catalog describes it (read after the pre-data schema is applied).
 *
 * @param name column name as PostgreSQL spells it
 * @param baseType name of its type, or of a domain's base type
 * @param category {@code pg_type.typcategory} of the base type ({@code A} for arrays)
 * @param scale numeric scale, or -1
 * @param notNull whether the column (or its domain) is NOT NULL
 * @param hasDefault whether it has a default or is an identity or generated column
 */
record TwinColumn(String name, String baseType, String category, int scale, boolean notNull, boolean hasDefault) {
  private static final String COLUMNS = """
      SELECT a.attname, bt.typname, bt.typcategory,
             CASE WHEN bt.typname = 'numeric' AND coalesce(nullif(t.typtypmod, -1), a.atttypmod) >= 4
                  THEN (coalesce(nullif(t.typtypmod, -1), a.atttypmod) - 4) & 65535 ELSE -1 END,
             a.attnotnull OR coalesce(t.typnotnull, false),
             a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> ''
      FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
      WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum""";

  static List<TwinColumn> read(Connection twin, String schema, String table) throws SQLException {
    List<TwinColumn> out = new ArrayList<>();
    try (PreparedStatement ps = twin.prepareStatement(COLUMNS)) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new TwinColumn(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5),
              rs.getBoolean(6)));
        }
      }
    }
    return out;
  }

  /**
   * A data-free value of this column's type for a NOT NULL column the model does not produce and that has no
   * default: zero, false, the empty string, array or document, the epoch; null when there is none.
   */
  String dataFreeText() {
    if ("A".equals(category)) {
      return "{}";
    }
    return switch (baseType.toLowerCase(Locale.ROOT)) {
      case "int2", "int4", "int8", "numeric", "float4", "float8", "oid", "money" -> "0";
      case "bool" -> "f";
      case "text", "varchar", "bpchar", "name", "citext", "tsvector" -> "";
      case "bytea" -> "\\\\x";
      case "json", "jsonb" -> "{}";
      case "uuid" -> "00000000-0000-0000-0000-000000000000";
      case "date" -> "1970-01-01";
      case "timestamp", "timestamptz" -> "1970-01-01 00:00:00";
      case "time", "timetz" -> "00:00:00";
      case "interval" -> "0";
      case "inet", "cidr" -> "0.0.0.0";
      case "xml" -> "";
      default -> null;
    };
  }
}
