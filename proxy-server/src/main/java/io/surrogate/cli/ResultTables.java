package io.surrogate.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Prints a result set as an aligned text table, like psql's default output. */
final class ResultTables {
  private ResultTables() {
  }

  /** Reads every row of {@code rs} as display strings, header first. */
  static List<String[]> read(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[n];
    for (int i = 0; i < n; i++) {
      header[i] = meta.getColumnLabel(i + 1).toLowerCase(java.util.Locale.ROOT);
    }
    rows.add(header);
    while (rs.next()) {
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        Object v = rs.getObject(i + 1);
        row[i] = v == null ? "" : v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : v.toString();
      }
      rows.add(row);
    }
    return rows;
  }

  /** Prints rows (header first) with columns padded to their widest value. */
  static void print(PrintWriter out, List<String[]> rows) {
    int n = rows.get(0).length;
    int[] width = new int[n];
    for (String[] row : rows) {
      for (int i = 0; i < n; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          line.append(" | ");
        }
        String v = rows.get(r)[i];
        line.append(v).append(" ".repeat(width[i] - v.length()));
      }
      out.println(line.toString().stripTrailing());
      if (r == 0) {
        StringBuilder rule = new StringBuilder("  ");
        for (int i = 0; i < n; i++) {
          rule.append(i > 0 ? "-+-" : "").append("-".repeat(width[i]));
        }
        out.println(rule);
      }
    }
    out.println("  (" + (rows.size() - 1) + " rows)");
    out.flush();
  }
}
