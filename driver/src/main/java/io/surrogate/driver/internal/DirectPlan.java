package io.surrogate.driver.internal;

import io.surrogate.catalog.Policy;
import io.surrogate.catalog.TableMode;
import java.sql.Types;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.adapter.jdbc.JdbcTableScan;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.sql.util.SqlString;

/**
 * A planned query that Calcite pushed whole into the source: the SQL its JDBC adapter generated from the plan
 * (never the client's text) and where each bound parameter goes. Such a statement can run on a pooled source
 * statement without Calcite's per-execution machinery, and gives the same rows, because Calcite would run this
 * very SQL and pass the values through.
 *
 * <p>Design note. A plan qualifies only when every scan in it is a JDBC scan of a table the policy serves real
 * (which is the only kind of table {@link SourceSchema} exposes to the JDBC adapter), and when every parameter
 * and result column has a type whose JDBC value is the same object Calcite's result set returns (integers
 * other than SMALLINT and TINYINT, floating point, DECIMAL, character strings, BOOLEAN). Dates, times and
 * everything else keep Calcite's conversions.
 *
 * @param sql the source SQL, with {@code ?} for parameters
 * @param parameterOrder for each {@code ?} of {@link #sql} in order, the client's parameter index (0-based)
 * @param parameterTypes the JDBC type of each client parameter
 */
record DirectPlan(String sql, int[] parameterOrder, int[] parameterTypes) {
  private static final Set<Integer> SAME_VALUE_TYPES = Set.of(Types.INTEGER, Types.BIGINT, Types.REAL,
      Types.FLOAT, Types.DOUBLE, Types.DECIMAL, Types.NUMERIC, Types.CHAR, Types.VARCHAR, Types.BOOLEAN);

  private static final ThreadLocal<DirectPlan> LAST = new ThreadLocal<>();

  /**
   * The direct form of {@code root}, or null when the plan does not qualify.
   *
   * @param root the optimized plan
   * @param parameters the statement's parameters
   * @param columns the statement's result columns
   * @param policy the policy that decides which tables are real
   */
  static DirectPlan of(RelRoot root, List<AvaticaParameter> parameters, List<ColumnMetaData> columns,
      Policy policy) {
    if (!(root.rel instanceof JdbcToEnumerableConverter converter) || !root.isRefTrivial()
        || root.rel.getRowType().getFieldCount() != columns.size()) {
      return null;
    }
    RelNode input = converter.getInput();
    if (!(input.getConvention() instanceof JdbcConvention convention) || !allReal(input, policy)) {
      return null;
    }
    for (ColumnMetaData c : columns) {
      if (!SAME_VALUE_TYPES.contains(c.type.id)) {
        return null;
      }
    }
    int[] types = new int[parameters.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = parameters.get(i).parameterType;
      if (!SAME_VALUE_TYPES.contains(types[i])) {
        return null;
      }
    }
    SqlString sql;
    try {
      sql = new JdbcImplementor(convention.dialect, (JavaTypeFactory) input.getCluster().getTypeFactory())
          .visitRoot(input).asStatement().toSqlString(convention.dialect);
    } catch (RuntimeException e) {
      return null;
    }
    List<Integer> dynamic = sql.getDynamicParameters();
    int[] order = dynamic == null ? new int[0] : dynamic.stream().mapToInt(Integer::intValue).toArray();
    for (int p : order) {
      if (p < 0 || p >= types.length) {
        return null;
      }
    }
    return new DirectPlan(sql.getSql(), order, types);
  }

  /** Whether {@code rel} is JDBC all the way down and scans only tables the policy serves real. */
  private static boolean allReal(RelNode rel, Policy policy) {
    if (!(rel instanceof JdbcRel)) {
      return false;
    }
    if (rel instanceof TableScan) {
      if (!(rel instanceof JdbcTableScan scan)) {
        return false;
      }
      List<String> name = scan.getTable().getQualifiedName();
      return policy.forTable(name.get(name.size() - 1)).mode() == TableMode.REAL;
    }
    for (RelNode in : rel.getInputs()) {
      if (!allReal(in, policy)) {
        return false;
      }
    }
    return true;
  }

  /** Hands the plan just prepared on this thread to the statement being created (null: none). */
  static void offer(DirectPlan plan) {
    LAST.set(plan);
  }

  /** The plan {@link #offer}ed on this thread since the last call, and forgets it. */
  static DirectPlan take() {
    DirectPlan p = LAST.get();
    LAST.remove();
    return p;
  }
}
