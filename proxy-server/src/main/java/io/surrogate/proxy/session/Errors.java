package io.surrogate.proxy.session;

import io.surrogate.proxy.codec.BackendMessage.ErrorResponse;
import java.sql.SQLException;

/** Builds ErrorResponses that always carry severity, SQLSTATE and message. */
final class Errors {
  /** SQLSTATE used when an exception carries none. */
  static final String INTERNAL_ERROR = "XX000";
  /** PostgreSQL's {@code out_of_memory}. */
  static final String OUT_OF_MEMORY = "53200";

  private Errors() { }

  /** An ERROR for a failed statement: the exception's SQLSTATE (or XX000) and its message. */
  static ErrorResponse of(SQLException e) {
    String state = e.getSQLState();
    if (state == null || state.length() != 5) {
      state = INTERNAL_ERROR;
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    return ErrorResponse.error(state, message);
  }

  /** An ERROR for an unexpected exception; the message says what failed without internals. */
  static ErrorResponse internal(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return ErrorResponse.error(INTERNAL_ERROR, "internal error: " + message);
  }

  /**
   * An ERROR for a JVM error that escaped a statement: 53200 for an exhausted heap (the statement's objects are
   * garbage once it has unwound, so the session goes on), XX000 for anything else; neither names a Java class.
   */
  static ErrorResponse of(Error e) {
    if (e instanceof OutOfMemoryError) {
      return ErrorResponse.error(OUT_OF_MEMORY, "out of memory: the statement needed more memory than the proxy's"
          + " JVM has (hint: raise its -Xmx)");
    }
    return ErrorResponse.error(INTERNAL_ERROR, "internal error: the statement failed inside the proxy");
  }
}
