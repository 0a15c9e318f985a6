package io.surrogate.proxy.source;

/** How one pass-through execution ended, told to the session once the source connection is free again. */
public sealed interface SourceOutcome {

  /** The rows and the CommandComplete went to the client. */
  record Done() implements SourceOutcome { }

  /**
   * The source reported an error (or the connection broke); nothing more is coming for this execution.
   *
   * @param sqlState the source's SQLSTATE
   * @param message the source's primary message
   */
  record Failed(String sqlState, String message) implements SourceOutcome { }

  /**
   * Nothing went to the client and the statement should run on the engine's own path instead.
   *
   * @param reject whether this statement can never pass through (its source columns differ from what the client
   *     was told), so the session stops trying
   * @param reason why, for the log
   */
  record Fallback(boolean reject, String reason) implements SourceOutcome { }
}
