package io.surrogate.driver.internal;

import io.surrogate.catalog.SqlState;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Dynamic proxies over Calcite's statements and metadata that map every failure through
 * {@link ErrorMapper} and keep {@code getConnection()} pointing at the connection proxy; result sets,
 * which are on the per-row path, get the plain delegating {@link SurrogateResultSet} instead.
 */
final class JdbcProxies {
  private JdbcProxies() {
  }

  /** Invokes {@code method} on {@code target}, mapping what it throws to a SQLSTATE-carrying exception. */
  static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof VirtualMachineError) {
        throw cause;
      }
      if (cause instanceof SQLException s && s.getSQLState() != null && !(cause.getCause() instanceof RuntimeException)) {
        throw s;
      }
      throw ErrorMapper.map(cause);
    }
  }

  /**
   * Calcite's objects are never handed out: through them a caller could reach the source pool or add
   * tables that bypass the policy.
   */
  static SQLException notAWrapper(Class<?> type) {
    return SqlState.FEATURE_NOT_SUPPORTED.create("unwrap: " + type.getName()
        + " (expected: an interface this object implements, e.g. io.surrogate.driver.SurrogateConnection)", null);
  }

  /** Wraps JDBC objects returned by the connection; other values pass as they are. */
  static Object wrap(SurrogateSession session, Object result) {
    if (result instanceof Statement s) {
      return statement(session, s);
    }
    if (result instanceof ResultSet rs) {
      return resultSet(null, rs);
    }
    return result;
  }

  static Statement statement(SurrogateSession session, Statement target) {
    return statement(session, target, null, null);
  }

  /**
   * A statement proxy; {@code direct} (may be null) is the pushed-down plan of a prepared statement, {@code planned}
   * (may be null) the cancel state its preparation ran under.
   */
  static Statement statement(SurrogateSession session, Statement target, DirectPlan direct, StatementCancel planned) {
    Class<?> type = target instanceof CallableStatement ? CallableStatement.class
        : target instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    DirectExecution execution = direct == null || type != PreparedStatement.class ? null
        : session.track(new DirectExecution(session.engine(), direct));
    StatementCancel cancel = planned != null ? planned : new StatementCancel();
    StatementHandler handler = new StatementHandler(session, target, execution, cancel);
    session.register(cancel);
    Statement proxy = (Statement) Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(),
        new Class<?>[] {type}, handler);
    handler.proxy = proxy;
    return proxy;
  }

  /** The direct plan of {@code statement} when it is a prepared statement proxy of {@code session}, else null. */
  static DirectPlan directPlan(Statement statement, SurrogateSession session) {
    if (statement == null || !Proxy.isProxyClass(statement.getClass())
        || !(Proxy.getInvocationHandler(statement) instanceof StatementHandler h)) {
      return null;
    }
    return h.session == session && h.direct != null ? h.direct.plan() : null;
  }

  static ResultSet resultSet(Statement owner, ResultSet target) {
    return target instanceof SurrogateResultSet ? target : new SurrogateResultSet(owner, target, null);
  }

  static DatabaseMetaData metaData(SurrogateSession session, DatabaseMetaData target) {
    return (DatabaseMetaData) Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, new MetaDataHandler(session, target));
  }

  static Object common(Object self, Object target, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "unwrap":
        Class<?> type = (Class<?>) args[0];
        if (type.isInstance(self)) {
          return self;
        }
        throw notAWrapper(type);
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(self);
      case "hashCode":
        return System.identityHashCode(self);
      case "equals":
        return self == args[0];
      default:
        return call(target, method, args);
    }
  }

  /** Handler of statement proxies. */
  private static final class StatementHandler implements InvocationHandler {
    private final SurrogateSession session;
    private final Statement target;
    private final DirectExecution direct;
    private final StatementCancel cancel;
    private ResultSetMetaData directMetaData;
    private RowTap lastTap;
    Statement proxy;

    StatementHandler(SurrogateSession session, Statement target, DirectExecution direct, StatementCancel cancel) {
      this.session = session;
      this.target = target;
      this.direct = direct;
      this.cancel = cancel;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      switch (name) {
        case "getConnection" -> {
          return session.proxy();
        }
        case "cancel" -> {
          // Never Avatica's cancel: it waits for the statement's monitor, which a running execution holds.
          cancel.cancel(StatementCancel.USER_REQUEST);
          if (direct != null) {
            direct.cancel();
          }
          return null;
        }
        case "setQueryTimeout" -> cancel.timeout((Integer) args[0]);
        case "close" -> {
          cancel.end();
          session.unregister(cancel);
        }
        default -> {
          if (name.startsWith("execute")) {
            return execute(self, method, args);
          }
        }
      }
      if (direct != null) {
        Object answer = direct(name, args);
        if (answer != NOT_DIRECT) {
          return answer;
        }
      }
      Object result = common(self, target, method, args);
      if (result instanceof ResultSet rs) {
        boolean tapped = name.equals("getResultSet");
        return new SurrogateResultSet(proxy, rs, tapped ? lastTap : null, cancel);
      }
      return result;
    }

    /**
     * Runs an execution under {@link #cancel}: it stays running while its result set is read, and a failure after a
     * cancel is reported as 57014.
     */
    private Object execute(Object self, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      cancel.begin(calciteFlag());
      Object result;
      try {
        if (direct != null) {
          Object answer = direct(name, args);
          if (answer != NOT_DIRECT) {
            cancel.end();
            return answer;
          }
        }
        if (name.equals("executeQuery") || name.equals("execute")) {
          RowTap.Slot slot = RowTap.arm();
          try {
            result = common(self, target, method, args);
          } finally {
            lastTap = RowTap.collect(slot);
          }
        } else {
          result = common(self, target, method, args);
        }
      } catch (Throwable e) {
        SQLException canceled = cancel.canceled(e);
        cancel.end();
        throw canceled != null ? canceled : e;
      } finally {
        cancel.planned();
      }
      if (name.startsWith("executeUpdate") || name.startsWith("executeLargeUpdate") || name.contains("Batch")
          || name.equals("execute") && Boolean.FALSE.equals(result)) {
        session.wrote();
      }
      if (result instanceof ResultSet rs) {
        return new SurrogateResultSet(proxy, rs, name.equals("executeQuery") ? lastTap : null, cancel);
      }
      if (!name.equals("execute") || Boolean.FALSE.equals(result)) {
        cancel.end();
      }
      return result;
    }

    /** The Calcite statement's cancel flag, which the plan's data context hands to the scans. */
    private java.util.concurrent.atomic.AtomicBoolean calciteFlag() {
      try {
        return target instanceof org.apache.calcite.avatica.AvaticaStatement a
            && session.calcite() instanceof org.apache.calcite.avatica.AvaticaConnection c
            ? c.getCancelFlag(a.handle) : null;
      } catch (org.apache.calcite.avatica.NoSuchStatementException e) {
        return null;
      }
    }

    /**
     * Runs an execution directly when it can and answers for its result; every other call is noted and left to
     * Calcite ({@link #NOT_DIRECT}).
     */
    private Object direct(String name, Object[] args) throws SQLException {
      boolean noArgs = args == null || args.length == 0;
      switch (name) {
        case "executeQuery", "execute" -> {
          if (!noArgs) {
            return NOT_DIRECT;
          }
          if (!direct.ready()) {
            direct.closeCurrent();
            return NOT_DIRECT;
          }
          if (directMetaData == null) {
            directMetaData = ((PreparedStatement) target).getMetaData();
          }
          SurrogateResultSet rs = direct.execute(proxy, directMetaData);
          return name.equals("execute") ? Boolean.TRUE : rs;
        }
        case "getResultSet" -> {
          SurrogateResultSet rs = direct.current();
          return rs != null ? rs : NOT_DIRECT;
        }
        case "getUpdateCount" -> {
          return direct.current() != null ? (Object) Integer.valueOf(-1) : NOT_DIRECT;
        }
        case "getLargeUpdateCount" -> {
          return direct.current() != null ? (Object) Long.valueOf(-1) : NOT_DIRECT;
        }
        case "getMoreResults" -> direct.closeCurrent();
        case "close" -> {
          direct.closeCurrent();
          session.untrack(direct);
        }
        default -> direct.observe(name, args);
      }
      return NOT_DIRECT;
    }
  }

  /** Marker of "Calcite answers this call". */
  private static final Object NOT_DIRECT = new Object();
}
