package io.surrogate.catalog;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;

/** Builds {@link SQLException}s whose JDBC 4 subclass follows their SQLSTATE class, as H2 and pgJDBC do. */
final class SqlErrors {
  /** Budget cap reached (PostgreSQL's {@code configuration_limit_exceeded}). */
  static final String BUDGET_EXHAUSTED = "53400";
  /** The JVM ran out of heap (PostgreSQL's {@code out_of_memory}). */
  static final String OUT_OF_MEMORY = "53200";
  /** Object not in prerequisite state. */
  static final String NOT_READY = "55000";
  static final String UNDEFINED_TABLE = "42P01";
  static final String UNDEFINED_COLUMN = "42703";
  static final String INVALID_PARAMETER = "22023";
  static final String NOT_SUPPORTED = "0A000";
  static final String CONNECTION_FAILED = "08001";
  static final String INTERNAL = "XX000";

  private SqlErrors() {
  }

  static SQLException of(String sqlState, String message) {
    return of(sqlState, message, null);
  }

  static SQLException of(String sqlState, String message, Throwable cause) {
    String cls = sqlState.substring(0, 2);
    SQLException e;
    switch (cls) {
      case "08":
        e = new SQLNonTransientConnectionException(message, sqlState);
        break;
      case "0A":
        e = new SQLFeatureNotSupportedException(message, sqlState);
        break;
      case "22":
        e = new SQLDataException(message, sqlState);
        break;
      case "23":
        e = new SQLIntegrityConstraintViolationException(message, sqlState);
        break;
      case "28":
        e = new SQLInvalidAuthorizationSpecException(message, sqlState);
        break;
      case "40":
        e = new SQLTransactionRollbackException(message, sqlState);
        break;
      case "42":
        e = new SQLSyntaxErrorException(message, sqlState);
        break;
      default:
        e = new SQLException(message, sqlState);
        break;
    }
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }
}
