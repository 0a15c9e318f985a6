package io.surrogate.driver.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The executions of one prepared statement whose plan has a {@link DirectPlan}: it watches the parameter
 * setters the client calls (they still reach Calcite's statement too) and, when every parameter holds a plain
 * value, runs the plan's source SQL on a pooled source statement, with the statement's row limit, fetch size
 * and timeout. Otherwise the caller
 * runs the statement through Calcite as usual.
 */
final class DirectExecution {
  private final Engine engine;
  private final DirectPlan plan;
  private final Object[] values;
  private final boolean[] bound;
  private long maxRows;
  private int fetchSize;
  private int queryTimeout;
  private volatile PreparedStatement running;
  private SurrogateResultSet current;

  DirectExecution(Engine engine, DirectPlan plan) {
    this.engine = engine;
    this.plan = plan;
    this.values = new Object[plan.parameterTypes().length];
    this.bound = new boolean[values.length];
  }

  /** The plan this statement runs directly. */
  DirectPlan plan() {
    return plan;
  }

  /** Notes a call made on the statement before it is forwarded. */
  void observe(String name, Object[] args) {
    switch (name) {
      case "clearParameters" -> {
        Arrays.fill(values, null);
        Arrays.fill(bound, false);
      }
      case "setMaxRows", "setLargeMaxRows" -> maxRows = ((Number) args[0]).longValue();
      case "setFetchSize" -> fetchSize = (Integer) args[0];
      case "setQueryTimeout" -> queryTimeout = (Integer) args[0];
      default -> {
        if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
          bind(name, index, args);
        }
      }
    }
  }

  private void bind(String name, int index, Object[] args) {
    if (index < 1 || index > values.length) {
      return;
    }
    int i = index - 1;
    Object v = name.equals("setNull") ? null : args[1];
    boolean plain = switch (name) {
      case "setNull", "setInt", "setLong", "setDouble", "setFloat", "setBigDecimal", "setString", "setBoolean" ->
          true;
      case "setObject" -> v == null || v instanceof Integer || v instanceof Long || v instanceof Double
          || v instanceof Float || v instanceof BigDecimal || v instanceof String || v instanceof Boolean;
      default -> false;
    };
    values[i] = plain ? v : Unsupported.VALUE;
    bound[i] = true;
  }

  /** Whether the next execution can run directly. */
  boolean ready() {
    for (int i = 0; i < values.length; i++) {
      if (!bound[i] || values[i] == Unsupported.VALUE) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs the source SQL with the bound values and returns the rows as a result set of {@code owner} described by
   * {@code metaData} (Calcite's description of this statement's columns).
   */
  SurrogateResultSet execute(Statement owner, ResultSetMetaData metaData) throws SQLException {
    closeCurrent();
    Connection c = null;
    PreparedStatement ps = null;
    try {
      c = engine.pool().getConnection();
      ps = c.prepareStatement(plan.sql());
      int[] order = plan.parameterOrder();
      for (int k = 0; k < order.length; k++) {
        int p = order[k];
        int type = plan.parameterTypes()[p];
        if (values[p] == null) {
          ps.setNull(k + 1, type);
        } else {
          ps.setObject(k + 1, values[p], type);
        }
      }
      if (fetchSize > 0) {
        ps.setFetchSize(fetchSize);
      }
      if (maxRows > 0) {
        ps.setMaxRows((int) Math.min(maxRows, Integer.MAX_VALUE));
      }
      if (queryTimeout > 0) {
        ps.setQueryTimeout(queryTimeout);
      }
      running = ps;
      ResultSet rs = ps.executeQuery();
      engine.recordDirectExecution();
      current = new SurrogateResultSet(owner, rs, metaData, closer(rs, ps, c));
      return current;
    } catch (SQLException | RuntimeException e) {
      running = null;
      closeQuietly(ps, c);
      throw ErrorMapper.map(e);
    }
  }

  /**
   * Releases one execution's result, statement and connection exactly once: HikariCP's connection wrapper clears
   * the pooled connection's statement list on every close, so a second close after the connection went back to
   * the pool would corrupt another thread's use of it.
   */
  AutoCloseable closer(ResultSet rs, PreparedStatement ps, Connection c) {
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      if (running == ps) {
        running = null;
      }
      try (c; ps; rs) {
        // try-with-resources closes the result, then the statement, then returns the connection.
      }
    };
  }

  private static void closeQuietly(PreparedStatement ps, Connection c) {
    try (c; ps) {
      // nothing else to close
    } catch (SQLException | RuntimeException e) {
      // the execution already failed; its error is the one to report
    }
  }

  /** The result set of the last execution when it ran directly (open or not), else null. */
  SurrogateResultSet current() {
    return current;
  }

  /** Closes the last direct result, as a new execution or {@code getMoreResults} must. */
  void closeCurrent() throws SQLException {
    SurrogateResultSet rs = current;
    current = null;
    if (rs != null) {
      rs.close();
    }
  }

  /** Cancels the source statement running now, if any; called from another thread. */
  void cancel() {
    PreparedStatement ps = running;
    if (ps != null) {
      try {
        ps.cancel();
      } catch (SQLException | RuntimeException e) {
        // Cancelling a statement that just finished is harmless.
      }
    }
  }

  /** Marker of a parameter bound with a setter whose value Calcite converts in ways the source might not. */
  private enum Unsupported {
    VALUE
  }
}
