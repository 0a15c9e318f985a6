package io.surrogate.driver.twin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets each sequence a column owns (serial and identity columns) or draws its default from ({@code DEFAULT
 * nextval('s')}, as pagila's are) to continue after the largest value of those columns in the twin, so the
 * schema-only dump's sequences never carry the source's counters and an INSERT never meets a synthetic key.
 */
final class Sequences {
  private static final String OWNED = """
      SELECT quote_ident(sn.nspname) || '.' || quote_ident(s.relname),
             quote_ident(tn.nspname) || '.' || quote_ident(t.relname), quote_ident(a.attname)
      FROM pg_class s JOIN pg_namespace sn ON sn.oid = s.relnamespace
      JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
      JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE s.relkind = 'S'
      UNION
      SELECT quote_ident(sn.nspname) || '.' || quote_ident(s.relname),
             quote_ident(tn.nspname) || '.' || quote_ident(t.relname), quote_ident(a.attname)
      FROM pg_attrdef ad
      JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid AND d.refclassid = 'pg_class'::regclass
      JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S' JOIN pg_namespace sn ON sn.oid = s.relnamespace
      JOIN pg_class t ON t.oid = ad.adrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
      JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
      WHERE t.relkind IN ('r', 'p')
      ORDER BY 1""";

  private Sequences() {
  }

  static void continueAfterRows(Connection twin) throws SQLException {
    java.util.Map<String, List<String>> columns = new java.util.LinkedHashMap<>();
    try (Statement s = twin.createStatement(); ResultSet rs = s.executeQuery(OWNED)) {
      while (rs.next()) {
        columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
            .add("SELECT max(" + rs.getString(3) + ")::bigint AS m FROM " + rs.getString(2));
      }
    }
    try (Statement s = twin.createStatement()) {
      for (java.util.Map.Entry<String, List<String>> e : columns.entrySet()) {
        String seq = e.getKey().replace("'", "''");
        s.execute("SELECT CASE WHEN max(m) IS NULL THEN setval('" + seq + "', (SELECT seqstart FROM pg_sequence WHERE"
            + " seqrelid = '" + seq + "'::regclass), false) ELSE setval('" + seq + "', max(m), true) END FROM ("
            + String.join(" UNION ALL ", e.getValue()) + ") x");
      }
    }
  }
}
