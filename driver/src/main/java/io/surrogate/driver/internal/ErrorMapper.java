package io.surrogate.driver.internal;

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

  /** The SQLException to throw to the client for {@code t}. */
  public static SQLException map(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SqlStates.Carrier carrier) {
        return carrier.sqlException();
      }
      if (c instanceof OutOfMemoryError) {
        // Wrapped by a future (a partition built on another thread): its message would name the Java class.
        return SqlStates.create(SqlStates.OUT_OF_MEMORY, "out of memory: the statement needed more memory than"
            + " the JVM has (hint: raise -Xmx)", c);
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SqlParseException p) {
        return SqlStates.create(SqlStates.SYNTAX_ERROR, firstLine(p.getMessage()), p);
      }
      if (c instanceof CalciteContextException v) {
        return SqlStates.create(validationState(v.getMessage()), clarify(v.getMessage()), v);
      }
      if (c instanceof SqlValidatorException v) {
        return SqlStates.create(validationState(v.getMessage()), v.getMessage(), v);
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException s && s.getSQLState() != null) {
        return s;
      }
      if (c instanceof UnsupportedOperationException u) {
        return SqlStates.create(SqlStates.FEATURE_NOT_SUPPORTED, "not supported: " + u.getMessage(), u);
      }
    }
    String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    return SqlStates.create(SqlStates.INTERNAL, message, t);
  }

  /** SQLSTATE for a validator message, matched on Calcite's resource texts (CalciteResource). */
  static String validationState(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (m.contains("no match found for function signature") || m.contains("function") && m.contains("not found")) {
      return SqlStates.UNDEFINED_FUNCTION;
    }
    if (m.contains("column '") && m.contains("not found") || m.contains("depends on itself") || m.contains("unknown identifier")
        || m.contains("unknown field")) {
      return SqlStates.UNDEFINED_COLUMN;
    }
    if (m.contains("object '") && m.contains("not found") || m.contains("table '") && m.contains("not found")) {
      return SqlStates.UNDEFINED_TABLE;
    }
    if (m.contains("cannot apply") || m.contains("cannot be applied")) {
      return SqlStates.UNDEFINED_FUNCTION;
    }
    if (m.contains("not supported") || m.contains("unsupported")) {
      return SqlStates.FEATURE_NOT_SUPPORTED;
    }
    return SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE;
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
      return "syntax error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
