package io.surrogate.driver.internal;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;

/** SQLSTATE codes the driver raises, and the factory choosing the JDBC 4 subclass from the code's class. */
public final class SqlStates {
  public static final String CONNECTION_FAILED = "08001";
  public static final String CONNECTION_DOES_NOT_EXIST = "08003";
  public static final String FEATURE_NOT_SUPPORTED = "0A000";
  public static final String INVALID_PARAMETER = "22023";
  /** A write attempted on a real table the policy does not mark {@code writable}. */
  public static final String READ_ONLY_TRANSACTION = "25006";
  public static final String SYNTAX_ERROR = "42601";
  /** Policy refusal, e.g. a write to a synthetic table. */
  public static final String INSUFFICIENT_PRIVILEGE = "42501";
  public static final String UNDEFINED_TABLE = "42P01";
  public static final String UNDEFINED_COLUMN = "42703";
  public static final String UNDEFINED_FUNCTION = "42883";
  public static final String DUPLICATE_OBJECT = "42710";
  public static final String INVALID_OBJECT_DEFINITION = "42P17";
  public static final String SYNTAX_ERROR_OR_ACCESS_RULE = "42000";
  /** Table has no model and may not be trained on use. */
  public static final String NOT_READY = "55000";
  public static final String BUDGET_EXHAUSTED = "53400";
  /** The JVM's heap ran out (PostgreSQL's {@code out_of_memory}). */
  public static final String OUT_OF_MEMORY = "53200";
  public static final String QUERY_CANCELED = "57014";
  public static final String INTERNAL = "XX000";

  private SqlStates() {
  }

  /** An exception of the JDBC 4 subclass matching the class (first two characters) of {@code state}. */
  public static SQLException create(String state, String message, Throwable cause) {
    SQLException e;
    String cls = state.substring(0, 2);
    switch (cls) {
      case "08" -> e = new SQLNonTransientConnectionException(message, state);
      case "0A" -> e = new SQLFeatureNotSupportedException(message, state);
      case "22" -> e = new SQLDataException(message, state);
      case "23" -> e = new SQLIntegrityConstraintViolationException(message, state);
      case "28" -> e = new SQLInvalidAuthorizationSpecException(message, state);
      case "40" -> e = new SQLTransactionRollbackException(message, state);
      case "42" -> e = new SQLSyntaxErrorException(message, state);
      case "53", "57" -> e = new SQLTransientException(message, state);
      default -> e = new SQLException(message, state);
    }
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  /** Unchecked carrier for an {@link SQLException} raised inside Calcite callbacks, unwrapped by {@link ErrorMapper}. */
  public static final class Carrier extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Carrier(SQLException cause) {
      super(cause.getMessage(), cause, false, false);
    }

    public SQLException sqlException() {
      return (SQLException) getCause();
    }
  }

  /** Raises {@code state} wrapped so that it crosses Calcite's unchecked call paths. */
  public static Carrier carry(String state, String message) {
    return new Carrier(create(state, message, null));
  }
}
