package io.surrogate.driver.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Names unnamed result columns as PostgreSQL does ({@code count}, {@code avg}, {@code ?column?}) instead of
 * Calcite's {@code EXPR$n}, so psql headers and clients that read columns by label see familiar names.
 * Computed once per planned statement, from the statement's own text.
 */
final class PostgresLabels {
  private static final Pattern CALCITE_ALIAS = Pattern.compile("EXPR\\$\\d+");
  private static final String UNNAMED = "?column?";

  private PostgresLabels() {
  }

  /** {@code columns} with every {@code EXPR$n} label replaced; the same list when nothing changes. */
  static List<ColumnMetaData> relabel(String sql, SqlParser.Config parserConfig, List<ColumnMetaData> columns) {
    if (columns == null || columns.stream().noneMatch(c -> CALCITE_ALIAS.matcher(c.label).matches())) {
      return columns;
    }
    List<SqlNode> items = selectItems(sql, parserConfig);
    if (items == null || items.size() != columns.size()) {
      return columns;
    }
    List<ColumnMetaData> out = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      ColumnMetaData c = columns.get(i);
      out.add(CALCITE_ALIAS.matcher(c.label).matches() ? withLabel(c, nameOf(items.get(i))) : c);
    }
    return out;
  }

  /** The outermost SELECT list, or null when it cannot be mapped one to one onto the result (a star). */
  private static List<SqlNode> selectItems(String sql, SqlParser.Config parserConfig) {
    SqlNode node;
    try {
      node = SqlParser.create(sql, parserConfig).parseStmt();
    } catch (SqlParseException e) {
      return null;
    }
    while (true) {
      if (node instanceof SqlOrderBy) {
        node = ((SqlOrderBy) node).query;
      } else if (node instanceof SqlWith) {
        node = ((SqlWith) node).body;
      } else if (node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.INTERSECT
          || node.getKind() == SqlKind.EXCEPT) {
        node = ((SqlCall) node).operand(0);
      } else {
        break;
      }
    }
    if (!(node instanceof SqlSelect)) {
      return null;
    }
    SqlNodeList list = ((SqlSelect) node).getSelectList();
    for (SqlNode item : list) {
      if (item instanceof SqlIdentifier && ((SqlIdentifier) item).isStar()) {
        return null;
      }
    }
    return list.getList();
  }

  /** PostgreSQL's rule: a function call is named after the function, anything else is {@code ?column?}. */
  static String nameOf(SqlNode item) {
    if (item instanceof SqlBasicCall) {
      SqlBasicCall call = (SqlBasicCall) item;
      if (call.getKind() == SqlKind.CAST) {
        return nameOf(call.operand(0)).equals(UNNAMED) ? UNNAMED : nameOf(call.operand(0));
      }
      if (call.getOperator() instanceof SqlFunction) {
        return call.getOperator().getName().toLowerCase(Locale.ROOT);
      }
    }
    if (item instanceof SqlIdentifier && !((SqlIdentifier) item).isStar()) {
      List<String> names = ((SqlIdentifier) item).names;
      return names.get(names.size() - 1);
    }
    return UNNAMED;
  }

  private static ColumnMetaData withLabel(ColumnMetaData c, String label) {
    return new ColumnMetaData(c.ordinal, c.autoIncrement, c.caseSensitive, c.searchable, c.currency, c.nullable,
        c.signed, c.displaySize, label, label, c.schemaName, c.precision, c.scale, c.tableName, c.catalogName,
        c.type, c.readOnly, c.writable, c.definitelyWritable, c.columnClassName);
  }
}
