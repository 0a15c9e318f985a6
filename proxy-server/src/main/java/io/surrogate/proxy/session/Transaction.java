package io.surrogate.proxy.session;

import io.surrogate.catalog.SqlState;
import io.surrogate.proxy.codec.BackendMessage.ErrorResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** Transaction status of a session as ReadyForQuery reports it: idle, in a block, or in a failed block. */
final class Transaction {
  static final char IDLE = 'I';
  static final char IN_BLOCK = 'T';
  static final char FAILED = 'E';

  private char status = IDLE;

  char status() {
    return status;
  }

  boolean isFailed() {
    return status == FAILED;
  }

  boolean inBlock() {
    return status != IDLE;
  }

  /** Marks the block failed after an error; outside a block an error changes nothing. */
  void fail() {
    if (status == IN_BLOCK) {
      status = FAILED;
    }
  }

  /** Starts a block; returns a warning when one is already open. */
  ErrorResponse begin(Connection c) throws SQLException {
    if (status != IDLE) {
      return new ErrorResponse(true, "WARNING", SqlState.ACTIVE_SQL_TRANSACTION.code(),
          "there is already a transaction in progress", null,
          null);
    }
    autoCommit(c, false);
    status = IN_BLOCK;
    return null;
  }

  /** Commits (or, for a failed block, rolls back); returns the command tag. */
  String commit(Connection c) throws SQLException {
    if (status == FAILED) {
      rollback(c);
      return "ROLLBACK";
    }
    if (status == IN_BLOCK) {
      try {
        c.commit();
      } catch (SQLFeatureNotSupportedException | UnsupportedOperationException e) {
        // A read-only engine has nothing to commit.
      }
      autoCommit(c, true);
      status = IDLE;
    }
    return "COMMIT";
  }

  /** Rolls back the block, if any. */
  void rollback(Connection c) throws SQLException {
    if (status != IDLE) {
      status = IDLE;
      try {
        c.rollback();
      } catch (SQLFeatureNotSupportedException | UnsupportedOperationException e) {
        // A read-only engine has nothing to roll back.
      }
      autoCommit(c, true);
    }
  }

  private static void autoCommit(Connection c, boolean on) throws SQLException {
    try {
      if (c.getAutoCommit() != on) {
        c.setAutoCommit(on);
      }
    } catch (SQLFeatureNotSupportedException | UnsupportedOperationException e) {
      // Engines without transactions still get tracked status, which is all clients observe.
    }
  }

  /** The error for a statement sent inside a failed block. */
  static SQLException abortedError() {
    return SqlState.IN_FAILED_SQL_TRANSACTION.create(
        "current transaction is aborted, commands ignored until end of transaction block");
  }
}
