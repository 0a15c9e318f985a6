package io.surrogate.driver.twin;

import io.surrogate.driver.internal.SqlStates;
import java.sql.SQLException;

/** SQLSTATEs and message shapes of the embedded twin runtime's failures. */
final class EmbeddedErrors {
  /** A file, directory or program of the twin failed: the message names the path and the step. */
  static final String SYSTEM_ERROR = "58000";
  /** The twin's cluster is running in another process. */
  static final String OBJECT_IN_USE = "55006";

  private EmbeddedErrors() {
  }

  static SQLException system(String message, Throwable cause) {
    return SqlStates.create(SYSTEM_ERROR, message, cause);
  }

  static SQLException inUse(String message) {
    return SqlStates.create(OBJECT_IN_USE, message, null);
  }

  static SQLException connection(String message, Throwable cause) {
    return SqlStates.create(SqlStates.CONNECTION_FAILED, message, cause);
  }

  static SQLException invalid(String name, Object value, String expected) {
    return SqlStates.create(SqlStates.INVALID_PARAMETER, name + ": " + value + " (expected: " + expected + ")", null);
  }

  /** {@code message}, then the server log's last lines when there are any. */
  static String withLog(String message, String logTail) {
    return logTail.isEmpty() ? message : message + "; last lines of the log:\n" + logTail;
  }
}
