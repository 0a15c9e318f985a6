package io.surrogate.proxy.relay;

/** The relayed session could not log in to the twin; carries the SQLSTATE to send the client. */
public final class TwinLoginException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String sqlState;

  public TwinLoginException(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }
}
