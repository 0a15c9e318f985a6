package io.surrogate.proxy.codec;

import io.surrogate.catalog.SqlState;

/** A violation of the wire protocol (bad length, unknown message type, malformed body): SQLSTATE 08P01. */
public final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message is sent to the client in a FATAL ErrorResponse. */
  public ProtocolException(String message) {
    super(message);
  }

  /** The SQLSTATE of every protocol violation. */
  public String sqlState() {
    return SqlState.PROTOCOL_VIOLATION.code();
  }
}
