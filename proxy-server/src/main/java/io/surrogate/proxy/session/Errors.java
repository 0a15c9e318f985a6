package io.surrogate.proxy.session;

import io.surrogate.catalog.SqlState;
import io.surrogate.driver.internal.ClientMessages;
import io.surrogate.driver.internal.ErrorMapper;
import io.surrogate.proxy.codec.BackendMessage.ErrorResponse;
import java.sql.SQLException;

/** Builds ErrorResponses that always carry severity, SQLSTATE and a message with no Java in it. */
final class Errors {
  private Errors() { }

  /** An ERROR for a failed statement: the exception's SQLSTATE (or XX000) and its message. */
  static ErrorResponse of(SQLException e) {
    String state = e.getSQLState();
    if (state == null || state.length() != 5) {
      state = SqlState.INTERNAL_ERROR.code();
    }
    return ErrorResponse.error(state, ClientMessages.sanitize(e.getMessage()));
  }

  /** An ERROR for an unexpected exception, mapped as the driver maps engine failures. */
  static ErrorResponse internal(RuntimeException e) {
    return of(ErrorMapper.map(e));
  }

  /**
   * An ERROR for a JVM error that escaped a statement: 53200 for an exhausted heap (the statement's objects are
   * garbage once it has unwound, so the session goes on), XX000 for anything else; neither names a Java class.
   */
  static ErrorResponse of(Error e) {
    if (e instanceof OutOfMemoryError) {
      return ErrorResponse.error(SqlState.OUT_OF_MEMORY.code(), "out of memory: the statement needed more memory than the proxy's"
          + " JVM has (hint: raise its -Xmx)");
    }
    return ErrorResponse.error(SqlState.INTERNAL_ERROR.code(), "internal error: the statement failed inside the proxy");
  }
}
