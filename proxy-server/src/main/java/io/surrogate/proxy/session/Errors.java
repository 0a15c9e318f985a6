package io.surrogate.proxy.session;

import io.surrogate.catalog.SqlState;
import io.surrogate.proxy.codec.BackendMessage.ErrorResponse;
import java.sql.SQLException;

/** Builds ErrorResponses that always carry severity, SQLSTATE and message. */
final class Errors {
  /** SQLSTATE used when an exception carries none. */
  static final String INTERNAL_ERROR = SqlState.INTERNAL_ERROR.code();

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
}
