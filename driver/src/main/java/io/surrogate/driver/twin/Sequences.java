package io.surrogate.driver.twin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets each sequence a column owns (serial and identity columns) to continue after the largest synthetic value
 * of that column, so the schema-only dump's sequences never carry the source's counters.
 */
final class Sequences {
  private static final String OWNED = """
      SELECT quote_ident(sn.nspname) || '.' || quote_ident(s.relname),
             quote_ident(tn.nspname) || '.' || quote_ident(t.relname), quote_ident(a.attname)
      FROM pg_class s JOIN pg_namespace sn ON sn.oid = s.relnamespace
      JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
      JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE s.relkind = 'S' ORDER BY 1""";

  private Sequences() {
  }

  static void continueAfterRows(Connection twin) throws SQLException {
    List<String[]> owned = new ArrayList<>();
    try (Statement s = twin.createStatement(); ResultSet rs = s.executeQuery(OWNED)) {
      while (rs.next()) {
        owned.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
    }
    try (Statement s = twin.createStatement()) {
      for (String[] o : owned) {
        String seq = o[0].replace("'", "''");
        s.execute("SELECT CASE WHEN m IS NULL THEN setval('" + seq + "', (SELECT seqstart FROM pg_sequence WHERE"
            + " seqrelid = '" + seq + "'::regclass), false) ELSE setval('" + seq + "', m, true) END FROM (SELECT max("
            + o[2] + ")::bigint AS m FROM " + o[1] + ") x");
      }
    }
  }
}
