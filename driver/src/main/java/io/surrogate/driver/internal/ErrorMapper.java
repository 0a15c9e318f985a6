package io.surrogate.driver.internal;

import io.surrogate.catalog.SqlState;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Turns whatever Calcite, Avatica or the engine threw into an {@link SQLException} with a SQLSTATE and
 * the matching JDBC 4 subclass. Messages come from Calcite's parser and validator (which quote client
 * SQL, never source values) or from the engine's own messages.
 */
public final class ErrorMapper {
  private static final Pattern SELF_REFERENCE =
      Pattern.compile("The definition of column '([^']*)' depends on itself.*$", Pattern.DOTALL);
  private ErrorMapper() {
  }

  /** The SQLException to throw to the client for {@code t}; its message never shows Java. */
  public static SQLException map(Throwable t) {
    return clean(mapped(t));
  }

  private static SQLException mapped(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SqlStates.Carrier carrier) {
        return carrier.sqlException();
      }
      if (c instanceof OutOfMemoryError) {
        // Wrapped by a future (a partition built on another thread): its message would name the Java class.
        return SqlState.OUT_OF_MEMORY.create("out of memory: the statement needed more memory than"
            + " the JVM has (hint: raise -Xmx)", c);
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SqlParseException p) {
        return SqlState.SYNTAX_ERROR.create("syntax error: " + firstLine(p.getMessage()), p);
      }
      if (c instanceof CalciteContextException v) {
        return validationState(v.getMessage()).create(clarify(v.getMessage()), v);
      }
      if (c instanceof SqlValidatorException v) {
        return validationState(v.getMessage()).create(v.getMessage(), v);
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException s && s.getSQLState() != null) {
        return s;
      }
      SQLException runtime = RuntimeFailures.map(c);
      if (runtime != null) {
        return runtime;
      }
      if (c instanceof UnsupportedOperationException u) {
        return SqlState.FEATURE_NOT_SUPPORTED.create("not supported: " + u.getMessage(), u);
      }
    }
    String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    return SqlState.INTERNAL_ERROR.create(message, t);
  }

  /** {@code e}, or an exception of the same SQLSTATE and cause whose message is cleaned of Java. */
  private static SQLException clean(SQLException e) {
    if (ClientMessages.isClean(e.getMessage())) {
      return e;
    }
    String state = e.getSQLState() == null ? SqlState.INTERNAL_ERROR.code() : e.getSQLState();
    return SqlState.exception(state, ClientMessages.sanitize(e.getMessage()), e);
  }

  /** SQLSTATE for a validator message, matched on Calcite's resource texts (CalciteResource). */
  static SqlState validationState(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (m.contains("no match found for function signature") || m.contains("function") && m.contains("not found")) {
      return SqlState.UNDEFINED_FUNCTION;
    }
    if (m.contains("column '") && m.contains("not found") || m.contains("depends on itself") || m.contains("unknown identifier")
        || m.contains("unknown field")) {
      return SqlState.UNDEFINED_COLUMN;
    }
    if (m.contains("object '") && m.contains("not found") || m.contains("table '") && m.contains("not found")) {
      return SqlState.UNDEFINED_TABLE;
    }
    if (m.contains("cannot apply") || m.contains("cannot be applied")) {
      return SqlState.UNDEFINED_FUNCTION;
    }
    if (m.contains("not supported") || m.contains("unsupported")) {
      return SqlState.FEATURE_NOT_SUPPORTED;
    }
    return SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION;
  }

  /**
   * Babel conformance lets a select item name another item's alias, so an unknown column is reported
   * as a column that "depends on itself"; say what the user needs to hear instead.
   */
  static String clarify(String message) {
    if (message == null) {
      return "invalid statement";
    }
    Matcher m = SELF_REFERENCE.matcher(message);
    return m.find() ? message.substring(0, m.start()) + "Column '" + m.group(1) + "' not found in any table" : message;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "the statement does not parse";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
