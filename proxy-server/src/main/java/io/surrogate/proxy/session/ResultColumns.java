package io.surrogate.proxy.session;

import io.surrogate.proxy.codec.BackendMessage.Field;
import io.surrogate.proxy.codec.BackendMessage.RowDescription;
import io.surrogate.proxy.types.PgType;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/** The PostgreSQL types and formats of a result's columns, and the RowDescription announcing them. */
record ResultColumns(PgType[] types, boolean[] binary, RowDescription description) {

  /** Maps JDBC metadata; {@code formatOf} gives each column's requested format code (0 text, 1 binary). */
  static ResultColumns of(ResultSetMetaData md, IntUnaryOperator formatOf) throws SQLException {
    int n = md.getColumnCount();
    PgType[] types = new PgType[n];
    boolean[] binary = new boolean[n];
    List<Field> fields = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      types[i] = PgType.ofJdbc(md.getColumnType(i + 1), md.getColumnTypeName(i + 1));
      binary[i] = formatOf.applyAsInt(i) == 1;
      fields.add(new Field(md.getColumnLabel(i + 1), types[i].oid(), types[i].size(), -1,
          (short) (binary[i] ? 1 : 0)));
    }
    return new ResultColumns(types, binary, new RowDescription(fields));
  }

  /** A result of text columns answered by the proxy itself. */
  static RowDescription text(List<String> names) {
    List<Field> fields = new ArrayList<>();
    for (String name : names) {
      fields.add(new Field(name, PgType.TEXT.oid(), PgType.TEXT.size(), -1, (short) 0));
    }
    return new RowDescription(fields);
  }
}
