package io.surrogate.catalog;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;

/**
 * The SQLSTATE codes Surrogate raises, named after PostgreSQL's condition names (Appendix A of its manual), and
 * the factory that picks the JDBC 4 subclass of {@link SQLException} from the code's class.
 */
public enum SqlState {
  /** The driver could not reach a source ({@code sqlclient_unable_to_establish_sqlconnection}). */
  CONNECTION_FAILED("08001"),
  /** A call on a connection that is closed. */
  CONNECTION_DOES_NOT_EXIST("08003"),
  /** The link to a source broke mid-statement. */
  CONNECTION_FAILURE("08006"),
  /** The client broke the wire protocol. */
  PROTOCOL_VIOLATION("08P01"),
  FEATURE_NOT_SUPPORTED("0A000"),
  STRING_DATA_RIGHT_TRUNCATION("22001"),
  NUMERIC_VALUE_OUT_OF_RANGE("22003"),
  INVALID_DATETIME_FORMAT("22007"),
  DATETIME_FIELD_OVERFLOW("22008"),
  DIVISION_BY_ZERO("22012"),
  INVALID_PARAMETER_VALUE("22023"),
  /** A text that does not parse as the value of its type ({@code invalid input syntax for type ...}). */
  INVALID_TEXT_REPRESENTATION("22P02"),
  /** A binary parameter whose bytes do not decode as its type. */
  INVALID_BINARY_REPRESENTATION("22P03"),
  /** BEGIN inside a transaction: PostgreSQL sends it as a WARNING. */
  ACTIVE_SQL_TRANSACTION("25001"),
  /** A write to a real table the policy does not mark {@code writable}. */
  READ_ONLY_SQL_TRANSACTION("25006"),
  /** A statement in a transaction that already failed. */
  IN_FAILED_SQL_TRANSACTION("25P02"),
  /** An unknown prepared statement name. */
  INVALID_SQL_STATEMENT_NAME("26000"),
  INVALID_AUTHORIZATION_SPECIFICATION("28000"),
  INVALID_PASSWORD("28P01"),
  /** An unknown portal name. */
  INVALID_CURSOR_NAME("34000"),
  SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION("42000"),
  /** A policy refusal, e.g. a write to a synthetic table. */
  INSUFFICIENT_PRIVILEGE("42501"),
  SYNTAX_ERROR("42601"),
  UNDEFINED_COLUMN("42703"),
  /** An unknown object other than a table, column or function, e.g. a configuration parameter. */
  UNDEFINED_OBJECT("42704"),
  DUPLICATE_OBJECT("42710"),
  /** An operand or parameter whose type does not fit where it is used. */
  DATATYPE_MISMATCH("42804"),
  UNDEFINED_FUNCTION("42883"),
  UNDEFINED_TABLE("42P01"),
  /** A {@code $n} that names no parameter. */
  UNDEFINED_PARAMETER("42P02"),
  /** A portal name already in use. */
  DUPLICATE_CURSOR("42P03"),
  DUPLICATE_PREPARED_STATEMENT("42P05"),
  /** A column reference that cannot serve where it is used, e.g. a foreign key that is not one column. */
  INVALID_COLUMN_REFERENCE("42P10"),
  INVALID_OBJECT_DEFINITION("42P17"),
  /** The JVM ran out of heap, e.g. while training. */
  OUT_OF_MEMORY("53200"),
  TOO_MANY_CONNECTIONS("53300"),
  /** A privacy budget cap reached. */
  CONFIGURATION_LIMIT_EXCEEDED("53400"),
  /** A table that has no model and may not be trained on use. */
  OBJECT_NOT_IN_PREREQUISITE_STATE("55000"),
  /** An object, such as a twin's data directory, held by another process. */
  OBJECT_IN_USE("55006"),
  /** Cancelled by request or by {@code statement_timeout}. */
  QUERY_CANCELED("57014"),
  IDLE_SESSION_TIMEOUT("57P05"),
  /** A file, directory or program outside the database failed; the message names the path and the step. */
  SYSTEM_ERROR("58000"),
  /** A failure Surrogate has no better code for; its message still names what failed. */
  INTERNAL_ERROR("XX000");

  private final String code;

  SqlState(String code) {
    this.code = code;
  }

  /** The five-character SQLSTATE. */
  public String code() {
    return code;
  }

  /** An exception with this SQLSTATE, of the JDBC 4 subclass its class calls for. */
  public SQLException create(String message) {
    return create(message, null);
  }

  /** An exception with this SQLSTATE and {@code cause}, of the JDBC 4 subclass its class calls for. */
  public SQLException create(String message, Throwable cause) {
    return exception(code, message, cause);
  }

  /** An exception for any SQLSTATE (e.g. one a source sent), of the JDBC 4 subclass its class calls for. */
  public static SQLException exception(String code, String message, Throwable cause) {
    SQLException e = switch (code.substring(0, 2)) {
      case "08" -> new SQLNonTransientConnectionException(message, code);
      case "0A" -> new SQLFeatureNotSupportedException(message, code);
      case "22" -> new SQLDataException(message, code);
      case "23" -> new SQLIntegrityConstraintViolationException(message, code);
      case "28" -> new SQLInvalidAuthorizationSpecException(message, code);
      case "40" -> new SQLTransactionRollbackException(message, code);
      case "42" -> new SQLSyntaxErrorException(message, code);
      case "53", "57" -> new SQLTransientException(message, code);
      default -> new SQLException(message, code);
    };
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }
}
