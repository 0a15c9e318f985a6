package io.surrogate.driver.twin;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A connection to an ephemeral sandbox that drops the sandbox once it is closed. */
final class EphemeralConnection {
  /** What runs after the connection closed. */
  interface OnClose {
    void run() throws SQLException;
  }

  private EphemeralConnection() {
  }

  static Connection wrap(Connection connection, OnClose onClose) {
    AtomicBoolean closed = new AtomicBoolean();
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("close") && method.getParameterCount() == 0) {
        try {
          connection.close();
        } finally {
          if (closed.compareAndSet(false, true)) {
            onClose.run();
          }
        }
        return null;
      }
      if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c && c.isInstance(proxy)) {
        return proxy;
      }
      try {
        return method.invoke(connection, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        handler);
  }
}
