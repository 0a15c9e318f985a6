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

/**
 * The data-free PostgreSQL functions that {@code pg_catalog} provides to the engine as Calcite functions
 * ({@code format_type}, {@code generate_series}); public because generated code calls them.
 */
public final class PgFunctions {
  /** Longest series {@code generate_series} produces: catalog queries need a few dozen numbers, not millions. */
  static final int MAX_SERIES = 100_000;

  private PgFunctions() { }

  /** PostgreSQL's {@code format_type}: the SQL name of a type OID with its modifier, as psql shows it. */
  public static String formatType(Integer typeOid, Integer typmod) {
    if (typeOid == null) {
      return null;
    }
    int mod = typmod == null ? -1 : typmod;
    return switch (typeOid) {
      case 16 -> "boolean";
      case 17 -> "bytea";
      case 19 -> "name";
      case 20 -> "bigint";
      case 21 -> "smallint";
      case 23 -> "integer";
      case 25 -> "text";
      case 26 -> "oid";
      case 700 -> "real";
      case 701 -> "double precision";
      case 1042 -> mod > 4 ? "character(" + (mod - 4) + ")" : "character";
      case 1043 -> mod > 4 ? "character varying(" + (mod - 4) + ")" : "character varying";
      case 1082 -> "date";
      case 1083 -> "time without time zone";
      case 1114 -> "timestamp without time zone";
      case 1184 -> "timestamp with time zone";
      case 1700 -> mod > 4 ? "numeric(" + ((mod - 4) >> 16) + "," + ((mod - 4) & 0xffff) + ")" : "numeric";
      case 2950 -> "uuid";
      default -> "oid " + typeOid;
    };
  }


  /** {@code pg_get_indexdef(index, column)}: column 0 is the whole CREATE INDEX statement. */
  public static String indexDefinition(DataContext root, Object index, Object column) {
    if (index == null || column == null) {
      return null;
    }
    return schema(root).indexDefinition(((Number) index).intValue(), ((Number) column).intValue());
  }

  /** {@code pg_get_constraintdef(constraint)}. */
  public static String constraintDefinition(DataContext root, Object constraint) {
    return constraint == null ? null : schema(root).constraintDefinition(((Number) constraint).intValue());
  }

  /** {@code obj_description(oid[, catalog])}: the comment on a table (the catalog argument is dropped by the rewriter). */
  public static String objectDescription(DataContext root, Object object) {
    return object == null ? null : schema(root).description(((Number) object).intValue(), 0);
  }

  /** {@code col_description(table, column)}: the comment on a column. */
  public static String columnDescription(DataContext root, Object table, Object column) {
    return table == null || column == null ? null
        : schema(root).description(((Number) table).intValue(), ((Number) column).intValue());
  }

  private static PgCatalogSchema schema(DataContext root) {
    return root.getRootSchema().getSubSchema("pg_catalog").unwrap(PgCatalogSchema.class);
  }

  /** {@code generate_series(start, stop)} as a one-column table of integers. */
  public static ScannableTable generateSeries(Object startValue, Object stopValue) {
    // Object (SQL ANY) parameters: the engine passes computed arguments boxed, as Integer or Long.
    if (startValue == null || stopValue == null) {
      return new Series(1, 0);
    }
    int start = ((Number) startValue).intValue();
    int stop = ((Number) stopValue).intValue();
    long length = (long) stop - start + 1;
    if (length > MAX_SERIES) {
      throw new IllegalArgumentException("generate_series: " + length + " numbers (expected: at most "
          + MAX_SERIES + ")");
    }
    return new Series(start, stop);
  }

  /** The rows of one {@code generate_series} call. */
  private static final class Series extends AbstractTable implements ScannableTable {
    private final int start;
    private final int stop;

    Series(int start, int stop) {
      this.start = start;
      this.stop = stop;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory factory) {
      return factory.builder().add("generate_series", SqlTypeName.INTEGER).build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      List<Object[]> rows = new ArrayList<>();
      for (int i = start; i <= stop; i++) {
        rows.add(new Object[] {i});
      }
      return Linq4j.asEnumerable(rows);
    }
  }
}
