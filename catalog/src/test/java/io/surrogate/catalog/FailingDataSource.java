package io.surrogate.catalog;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Test wrapper around a real data source: counts connections, records prepared SQL, and when armed makes
 * {@code commit()} fail as a dropped connection would, so tests can observe what a failed commit leaves behind.
 */
final class FailingDataSource {
  final AtomicBoolean failCommit = new AtomicBoolean();
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger statements = new AtomicInteger();
  final List<String> sql = Collections.synchronizedList(new ArrayList<>());
  private final DataSource target;

  FailingDataSource(DataSource target) {
    this.target = target;
  }

  DataSource dataSource() {
    InvocationHandler h = (proxy, method, args) -> {
      if (method.getName().equals("getConnection")) {
        connections.incrementAndGet();
        return connection((Connection) invoke(target, method, args));
      }
      return invoke(target, method, args);
    };
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, h);
  }

  private Connection connection(Connection real) {
    InvocationHandler h = (proxy, method, args) -> {
      String name = method.getName();
      if (name.equals("commit") && failCommit.get()) {
        throw new SQLException("injected failure during commit", "08006");
      }
      if (name.startsWith("prepare") || name.equals("createStatement")) {
        statements.incrementAndGet();
        if (args != null && args.length > 0 && args[0] instanceof String) {
          sql.add((String) args[0]);
        }
      }
      return invoke(real, method, args);
    };
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
