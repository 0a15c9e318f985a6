package io.surrogate.driver;

import java.util.Arrays;

/**
 * A prepared statement's plan when Calcite pushed it whole into the source and every table it reads is served
 * real: the SQL Calcite's JDBC adapter generated from the plan (never the client's text) and where each bound
 * parameter goes. Running this SQL on the source with the statement's parameters gives the rows Calcite would
 * give, so a front end that speaks the source's own protocol may run it there directly.
 *
 * @param sql the source SQL in the source's dialect, with {@code ?} for parameters
 * @param parameterOrder for each {@code ?} of {@link #sql}, in order, the statement's parameter index (0-based)
 * @param parameterTypes the {@link java.sql.Types JDBC type} of each of the statement's parameters
 */
public record PushedDownQuery(String sql, int[] parameterOrder, int[] parameterTypes) {

  /** Copies the arrays, so the record stays immutable. */
  public PushedDownQuery {
    parameterOrder = parameterOrder.clone();
    parameterTypes = parameterTypes.clone();
  }

  @Override
  public int[] parameterOrder() {
    return parameterOrder.clone();
  }

  @Override
  public int[] parameterTypes() {
    return parameterTypes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PushedDownQuery q && sql.equals(q.sql) && Arrays.equals(parameterOrder, q.parameterOrder)
        && Arrays.equals(parameterTypes, q.parameterTypes);
  }

  @Override
  public int hashCode() {
    return sql.hashCode() * 31 + Arrays.hashCode(parameterOrder) * 7 + Arrays.hashCode(parameterTypes);
  }

  @Override
  public String toString() {
    return "PushedDownQuery[" + sql + ", order=" + Arrays.toString(parameterOrder) + "]";
  }
}
