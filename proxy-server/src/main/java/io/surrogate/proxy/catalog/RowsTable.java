package io.surrogate.proxy.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** An immutable in-memory table of metadata rows with a fixed list of nullable columns. */
final class RowsTable extends AbstractTable implements ScannableTable {
  /** A column name and SQL type; {@code element} is the element type of an ARRAY column, else null. */
  record Column(String name, SqlTypeName type, SqlTypeName element) { }

  private final List<Column> columns;
  private final List<Object[]> rows;

  RowsTable(List<Column> columns, List<Object[]> rows) {
    this.columns = List.copyOf(columns);
    List<Object[]> copy = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException("row of " + row.length + " values (expected: " + columns.size() + ")");
      }
      copy.add(row.clone());
    }
    this.rows = List.copyOf(copy);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder b = factory.builder();
    for (Column c : columns) {
      RelDataType type = c.element() == null ? factory.createSqlType(c.type())
          : factory.createArrayType(factory.createSqlType(c.element()), -1);
      b.add(c.name(), factory.createTypeWithNullability(type, true));
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> copy = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      copy.add(row.clone());
    }
    return Linq4j.asEnumerable(copy);
  }

  /** Number of rows, for tests. */
  int size() {
    return rows.size();
  }
}
