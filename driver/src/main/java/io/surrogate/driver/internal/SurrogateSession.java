package io.surrogate.driver.internal;

import io.surrogate.catalog.SqlState;
import io.surrogate.driver.SurrogateConnection;
import io.surrogate.driver.SurrogateDriver;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Schema;

/**
 * One client connection: a Calcite connection over a shared {@link Engine}, exposed as a
 * {@link Connection} proxy that also implements {@link SurrogateConnection}. Every call is delegated;
 * every failure is mapped by {@link ErrorMapper}, and statements, result sets and metadata are wrapped
 * the same way ({@link JdbcProxies}), so each SQLException carries a SQLSTATE and the connection stays usable.
 */
public final class SurrogateSession implements SurrogateConnection, InvocationHandler {
  private final Engine engine;
  private final CalciteConnection calcite;
  private final String url;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Statements that may hold a source connection in an open direct result, released when this closes. */
  private final java.util.Set<DirectExecution> directs = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Cancel states of this connection's open statements and of a preparation in progress, for {@link #cancelQuery}. */
  private final java.util.Set<StatementCancel> cancels = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean wrote;
  private Connection proxy;

  private SurrogateSession(Engine engine, CalciteConnection calcite, String url) {
    this.engine = engine;
    this.calcite = calcite;
    this.url = url;
  }

  /** Opens a connection for {@code config}, sharing the engine of equal configurations. */
  public static Connection open(DriverConfig config) throws SQLException {
    Engine engine = Engines.acquire(config);
    try {
      SurrogateSession session = new SurrogateSession(engine, engine.openCalcite(),
          SurrogateDriver.PREFIX + config.sourceUrl().substring("jdbc:".length()));
      session.proxy = (Connection) Proxy.newProxyInstance(SurrogateSession.class.getClassLoader(),
          new Class<?>[] {Connection.class, SurrogateConnection.class}, session);
      return session.proxy;
    } catch (SQLException | RuntimeException e) {
      Engines.release(engine);
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == SurrogateConnection.class) {
      return JdbcProxies.call(this, method, args);
    }
    switch (method.getName()) {
      case "close":
        close();
        return null;
      case "unwrap":
        return unwrap((Class<?>) args[0]);
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(proxy) || ((Class<?>) args[0]).isInstance(this);
      case "getMetaData":
        return JdbcProxies.metaData(this, calcite.getMetaData());
      case "commit":
        checkOpen();
        wrote = false;
        return null;
      case "rollback":
        checkOpen();
        rollback();
        return null;
      case "hashCode":
        return System.identityHashCode(self);
      case "equals":
        return self == args[0];
      case "toString":
        return "SurrogateConnection[" + engine.sourceId() + "]";
      default:
        break;
    }
    if (!method.getName().equals("isClosed") && !method.getName().equals("isValid")) {
      checkOpen();
    }
    if (method.getName().startsWith("prepare")) {
      return prepare(method, args);
    }
    Object result = JdbcProxies.call(calcite, method, args);
    return JdbcProxies.wrap(this, result);
  }

  /**
   * Prepares a statement (Calcite plans it now) under a cancel state of its own, which {@link #cancelQuery} reaches
   * and the statement then keeps.
   */
  private Object prepare(Method method, Object[] args) throws Throwable {
    StatementCancel cancel = new StatementCancel();
    register(cancel);
    cancel.begin(null);
    Object prepared;
    try {
      DirectPlan.take();
      prepared = JdbcProxies.call(calcite, method, args);
    } catch (Throwable e) {
      SQLException canceled = cancel.canceled(e);
      unregister(cancel);
      throw canceled != null ? canceled : e;
    } finally {
      cancel.planned();
      cancel.end();
    }
    DirectPlan direct = DirectPlan.take();
    return JdbcProxies.statement(this, (java.sql.Statement) prepared,
        method.getName().equals("prepareStatement") && args.length == 1 ? direct : null, cancel);
  }

  void register(StatementCancel cancel) {
    cancels.add(cancel);
  }

  void unregister(StatementCancel cancel) {
    cancels.remove(cancel);
  }

  @Override
  public void cancelQuery() {
    for (StatementCancel c : cancels) {
      c.cancel(StatementCancel.USER_REQUEST);
    }
  }

  private void checkOpen() throws SQLException {
    if (closed.get()) {
      throw SqlState.CONNECTION_DOES_NOT_EXIST.create("connection is closed", null);
    }
  }

  /**
   * Reads are not transactional (synthetic rows never change; real reads run on pooled source
   * connections) and writes to {@code writable} real tables commit at once, so commit has nothing to do
   * and rollback can only be honest: it refuses when there is a write it cannot undo.
   */
  private void rollback() throws SQLException {
    if (wrote) {
      wrote = false;
      throw SqlState.FEATURE_NOT_SUPPORTED.create("rollback: writes to real tables are committed"
          + " when they run and cannot be rolled back", null);
    }
  }

  /** Records that a statement of this connection changed rows of a real table. */
  void wrote() {
    wrote = true;
  }

  private Object unwrap(Class<?> type) throws SQLException {
    if (type.isInstance(proxy)) {
      return proxy;
    }
    if (type.isInstance(this)) {
      return this;
    }
    throw JdbcProxies.notAWrapper(type);
  }

  private void close() throws SQLException {
    if (closed.compareAndSet(false, true)) {
      try {
        for (DirectExecution d : directs) {
          d.closeCurrent();
        }
        directs.clear();
        cancelQuery();
        cancels.clear();
        calcite.close();
      } finally {
        Engines.release(engine);
      }
    }
  }

  /** Registers a statement's direct executions, so that closing this connection gives their source connection back. */
  DirectExecution track(DirectExecution execution) {
    directs.add(execution);
    return execution;
  }

  void untrack(DirectExecution execution) {
    directs.remove(execution);
  }

  /** The {@code jdbc:surrogate:} URL of this connection (without properties, hence without credentials). */
  String url() {
    return url;
  }

  /** The Calcite connection itself (tests compare Avatica's reads with the wrapper's). */
  CalciteConnection calcite() {
    return calcite;
  }

  Connection proxy() {
    return proxy;
  }

  /** The shared engine (internal: tests and benchmarks read its counters). */
  public Engine engine() {
    return engine;
  }

  @Override
  public void addMetadataSchema(String name, Schema schema) throws SQLException {
    if (calcite.getRootSchema().getSubSchema(name) != null) {
      throw SqlState.DUPLICATE_OBJECT.create("schema " + name + " already exists", null);
    }
    calcite.getRootSchema().add(name, schema);
  }

  @Override
  public void addFunction(String name, Function function) {
    calcite.getRootSchema().add(name, function);
  }

  @Override
  public String sourceId() {
    return engine.sourceId();
  }

  @Override
  public java.util.Optional<io.surrogate.driver.PushedDownQuery> pushedDown(java.sql.PreparedStatement statement) {
    DirectPlan plan = JdbcProxies.directPlan(statement, this);
    return plan == null ? java.util.Optional.empty() : java.util.Optional.of(
        new io.surrogate.driver.PushedDownQuery(plan.sql(), plan.parameterOrder(), plan.parameterTypes()));
  }

  @Override
  public List<String> syntheticTables() throws SQLException {
    return names(false);
  }

  @Override
  public List<String> realTables() throws SQLException {
    return names(true);
  }

  private List<String> names(boolean real) throws SQLException {
    try {
      return engine.sourceSchema().names(real);
    } catch (RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }
}
