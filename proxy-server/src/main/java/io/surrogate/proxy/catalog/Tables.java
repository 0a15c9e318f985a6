package io.surrogate.proxy.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/** Builds {@link RowsTable}s from a compact column spec such as {@code "oid:int,relname:text,conkey:short[]"}; array values are {@link java.util.List}s. */
final class Tables {
  private Tables() { }

  static RowsTable of(String spec, List<Object[]> rows) {
    List<RowsTable.Column> columns = new ArrayList<>();
    for (String part : spec.split(",")) {
      String[] nt = part.strip().split(":");
      boolean array = nt[1].endsWith("[]");
      SqlTypeName type = type(array ? nt[1].substring(0, nt[1].length() - 2) : nt[1]);
      columns.add(array ? new RowsTable.Column(nt[0], SqlTypeName.ARRAY, type)
          : new RowsTable.Column(nt[0], type, null));
    }
    return new RowsTable(columns, rows);
  }

  private static SqlTypeName type(String name) {
    return switch (name) {
      case "int" -> SqlTypeName.INTEGER;
      case "short" -> SqlTypeName.SMALLINT;
      case "bool" -> SqlTypeName.BOOLEAN;
      case "real" -> SqlTypeName.REAL;
      case "text" -> SqlTypeName.VARCHAR;
      default -> throw new IllegalArgumentException("column type: " + name + " (expected: int, short, bool, "
          + "real, text, or one of them followed by [])");
    };
  }

  static RowsTable empty(String spec) {
    return of(spec, List.of());
  }
}
