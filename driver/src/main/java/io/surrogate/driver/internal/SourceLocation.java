package io.surrogate.driver.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Finds the source catalog and schema a connection serves, spelled as the source spells them. */
final class SourceLocation {
  private SourceLocation() {
  }

  /**
   * Returns {catalog, name Calcite shows for the schema, schema for metadata calls (may be null)}.
   *
   * @throws SQLException 22023 when {@code wanted} is not a schema of the source
   */
  static String[] resolve(DataSource pool, String wanted) throws SQLException {
    try (Connection c = pool.getConnection()) {
      String catalog = c.getCatalog();
      DatabaseMetaData meta = c.getMetaData();
      String schema = wanted != null ? find(meta, wanted) : current(c);
      String shown = schema != null ? schema : catalog != null ? catalog : "source";
      return new String[] {catalog, shown, schema};
    }
  }

  private static String current(Connection c) throws SQLException {
    String s = c.getSchema();
    return s == null || s.isEmpty() ? null : s;
  }

  private static String find(DatabaseMetaData meta, String wanted) throws SQLException {
    String best = null;
    try (ResultSet rs = meta.getSchemas()) {
      while (rs.next()) {
        String s = rs.getString("TABLE_SCHEM");
        if (s.equals(wanted)) {
          return s;
        }
        if (s.equalsIgnoreCase(wanted) && best == null) {
          best = s;
        }
      }
    }
    if (best == null) {
      throw DriverConfig.invalid("schema", wanted, "a schema of the source");
    }
    return best;
  }
}
