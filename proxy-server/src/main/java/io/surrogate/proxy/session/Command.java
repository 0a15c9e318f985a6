package io.surrogate.proxy.session;

/** What one SQL statement asks for: something the proxy answers itself, or SQL for the engine. */
sealed interface Command {

  /** SQL the engine plans and runs. */
  record Engine(String sql) implements Command { }

  /** An empty statement (only whitespace or comments). */
  record Empty() implements Command { }

  /** BEGIN / START TRANSACTION. */
  record Begin() implements Command { }

  /** COMMIT / END. */
  record Commit() implements Command { }

  /** ROLLBACK / ABORT. */
  record Rollback() implements Command { }

  /** SET name TO value; {@code value == null} means DEFAULT. */
  record Set(String name, String value) implements Command { }

  /** SET TRANSACTION / SET SESSION CHARACTERISTICS: accepted, the engine is read committed. */
  record SetTransaction() implements Command { }

  /** SHOW name, or SHOW ALL when {@code name == null}. */
  record Show(String name) implements Command { }

  /** RESET name, or RESET ALL when {@code name == null}. */
  record Reset(String name) implements Command { }

  /** DISCARD ALL / PLANS / ...: resets settings when ALL. */
  record Discard(boolean all) implements Command { }

  /** DEALLOCATE [PREPARE] name | ALL. */
  record Deallocate(String name) implements Command { }

  /** {@code SELECT fn()} for a session function the proxy answers (version, current_database...). */
  record SessionValue(String column, String function) implements Command { }

  /** A statement the proxy refuses. */
  record Refused(String sqlState, String message) implements Command { }

  /** Whether this command is allowed in a failed transaction block. */
  default boolean endsTransaction() {
    return this instanceof Commit || this instanceof Rollback;
  }

  /** Whether this command returns rows (and so has a RowDescription). */
  default boolean returnsRows() {
    return this instanceof Show || this instanceof SessionValue;
  }
}
