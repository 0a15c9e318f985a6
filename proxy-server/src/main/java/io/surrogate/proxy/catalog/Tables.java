package io.surrogate.proxy.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/** Builds {@link RowsTable}s from a compact column spec such as {@code "oid:int,relname:text"}. */
final class Tables {
  private Tables() { }

  static RowsTable of(String spec, List<Object[]> rows) {
    List<RowsTable.Column> columns = new ArrayList<>();
    for (String part : spec.split(",")) {
      String[] nt = part.strip().split(":");
      columns.add(new RowsTable.Column(nt[0], switch (nt[1]) {
        case "int" -> SqlTypeName.INTEGER;
        case "short" -> SqlTypeName.SMALLINT;
        case "bool" -> SqlTypeName.BOOLEAN;
        case "real" -> SqlTypeName.REAL;
        case "text" -> SqlTypeName.VARCHAR;
        default -> throw new IllegalArgumentException("column type: " + nt[1] + " (expected: int, short, bool, "
            + "real, text)");
      }));
    }
    return new RowsTable(columns, rows);
  }

  static RowsTable empty(String spec) {
    return of(spec, List.of());
  }
}
