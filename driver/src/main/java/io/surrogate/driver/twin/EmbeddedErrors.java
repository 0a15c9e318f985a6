package io.surrogate.driver.twin;

import io.surrogate.catalog.SqlState;
import java.sql.SQLException;

/** The SQLSTATEs and message shapes of the embedded twin runtime's failures. */
final class EmbeddedErrors {
  private EmbeddedErrors() {
  }

  static SQLException system(String message, Throwable cause) {
    return SqlState.SYSTEM_ERROR.create(message, cause);
  }

  static SQLException inUse(String message) {
    return SqlState.OBJECT_IN_USE.create(message);
  }

  static SQLException connection(String message, Throwable cause) {
    return SqlState.CONNECTION_FAILED.create(message, cause);
  }

  static SQLException invalid(String name, Object value, String expected) {
    return SqlState.INVALID_PARAMETER_VALUE.create(name + ": " + value + " (expected: " + expected + ")");
  }

  /** {@code message}, then the server log's last lines when there are any. */
  static String withLog(String message, String logTail) {
    return logTail.isEmpty() ? message : message + "; last lines of the log:\n" + logTail;
  }
}
