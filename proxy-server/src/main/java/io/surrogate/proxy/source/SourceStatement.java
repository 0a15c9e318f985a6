package io.surrogate.proxy.source;

import java.util.Arrays;

/**
 * One statement as the source prepares it: numbered SQL, the type of each parameter and the type each result
 * column must have for its values to pass through as the client was told. Equal statements share a prepared
 * statement on each source connection.
 *
 * @param sql PostgreSQL SQL with {@code $n} parameters
 * @param parameterOids the type OID declared for each {@code $n}
 * @param columnOids the type OID the client was promised for each result column
 */
public record SourceStatement(String sql, int[] parameterOids, int[] columnOids) {

  /** Copies the arrays, so equal statements stay equal. */
  public SourceStatement {
    parameterOids = parameterOids.clone();
    columnOids = columnOids.clone();
  }

  int parameterCount() {
    return parameterOids.length;
  }

  int parameterOid(int index) {
    return parameterOids[index];
  }

  int columnCount() {
    return columnOids.length;
  }

  int columnOid(int index) {
    return columnOids[index];
  }

  @Override
  public int[] parameterOids() {
    return parameterOids.clone();
  }

  @Override
  public int[] columnOids() {
    return columnOids.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceStatement s && sql.equals(s.sql) && Arrays.equals(parameterOids, s.parameterOids)
        && Arrays.equals(columnOids, s.columnOids);
  }

  @Override
  public int hashCode() {
    return (sql.hashCode() * 31 + Arrays.hashCode(parameterOids)) * 31 + Arrays.hashCode(columnOids);
  }

  @Override
  public String toString() {
    return "SourceStatement[" + sql + "]";
  }
}
