package io.surrogate.catalog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The largest key of a synthetic table that public tables reference: synthetic row k has key k, so a twin whose
 * public {@code store} rows point at {@code address} 604 needs at least 604 synthetic addresses for the source's
 * foreign key to hold. It reads only public tables ({@code mode: real}, whose rows the policy declares public), so
 * the floor costs no privacy budget.
 */
final class ReferencedKeys {
  private ReferencedKeys() {
  }

  /** The floor on {@code table}'s row count, 0 when no public table references it through a whole-number key. */
  static long floor(Connection source, SourceTable table, Policy policy) throws SQLException {
    DatabaseMetaData meta = source.getMetaData();
    List<String[]> references = new ArrayList<>();
    try (ResultSet rs = meta.getExportedKeys(table.catalog(), table.schema(), table.name())) {
      while (rs.next()) {
        if (rs.getShort("KEY_SEQ") == 1) {
          references.add(new String[] {rs.getString("FKTABLE_SCHEM"), rs.getString("FKTABLE_NAME"),
              rs.getString("FKCOLUMN_NAME")});
        }
      }
    }
    long floor = 0;
    String q = meta.getIdentifierQuoteString();
    q = q == null || q.isBlank() ? "" : q.trim();
    for (String[] r : references) {
      // a partition is as sensitive as its partitioned table, whatever the policy says of its own name
      if (policy.forTable(Partitions.root(source, r[0], r[1])).mode() != TableMode.REAL) {
        continue;
      }
      String from = new SourceTable(null, r[0], r[1]).qualified(meta);
      String sql = "SELECT max(" + SourceTable.quote(r[2], q) + ") FROM " + from;
      try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        if (rs.next()) {
          Object max = rs.getObject(1);
          if (max instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            floor = Math.max(floor, n.longValue());
          }
        }
      }
    }
    return floor;
  }
}
