package io.surrogate.driver.internal;

import io.surrogate.catalog.SqlState;
import java.sql.SQLException;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.plan.RelOptPlanner;

/**
 * Maps what the generated plan code, Calcite's runtime and the JDK throw while a statement runs ({@code / by zero},
 * {@code For input string: "x"}, {@code Invalid DATE value}, class casts, plans Calcite cannot implement) to the
 * SQLSTATE and message PostgreSQL sends for the same statement.
 *
 * <p>The values such messages quote come from the statement's own literals and parameters, from synthetic rows or
 * from tables the policy serves {@code mode: real}: sensitive tables are only ever served synthetic, so no real
 * sensitive value reaches this code.
 */
final class RuntimeFailures {
  private static final int MAX_VALUE_LENGTH = 100;
  private static final Pattern INPUT_STRING = Pattern.compile("For input string: \"(.*)\"(?: under radix \\d+)?",
      Pattern.DOTALL);
  private static final Pattern INVALID_DATETIME = Pattern.compile("Invalid (DATE|TIME|TIMESTAMP) value, '(.*)'",
      Pattern.DOTALL);
  private static final Pattern FIELD_RANGE = Pattern.compile("Value of \\w+ field is out of range in '(.*)'",
      Pattern.DOTALL);
  private static final Pattern VALUE_RANGE = Pattern.compile("Value (\\S+) out of range");
  /** The text the JVM records for a class whose initializer failed, e.g. in a later NoClassDefFoundError. */
  private static final Pattern RECORDED = Pattern.compile("Exception ([\\w.$]+)(?:: (.*?))? \\[in thread .*",
      Pattern.DOTALL);
  private static final Pattern CAST = Pattern.compile("class ([\\w.$]+) cannot be cast to class ([\\w.$]+).*",
      Pattern.DOTALL);
  private static final Map<String, String> PARSERS = Map.of("java.lang.Integer", "integer", "java.lang.Long",
      "bigint", "java.lang.Short", "smallint", "java.lang.Byte", "smallint", "java.lang.Double", "double precision",
      "jdk.internal.math.FloatingDecimal", "double precision", "java.lang.Float", "real", "java.math.BigDecimal",
      "numeric", "java.math.BigInteger", "numeric");
  private static final Map<String, String> SQL_TYPES = Map.ofEntries(Map.entry("String", "text"),
      Map.entry("Number", "a number"), Map.entry("Integer", "integer"), Map.entry("Long", "bigint"),
      Map.entry("Short", "smallint"), Map.entry("Byte", "smallint"), Map.entry("BigDecimal", "numeric"),
      Map.entry("Double", "double precision"), Map.entry("Float", "real"), Map.entry("Boolean", "boolean"),
      Map.entry("Date", "date"), Map.entry("LocalDate", "date"), Map.entry("Time", "time"),
      Map.entry("Timestamp", "timestamp"), Map.entry("LocalDateTime", "timestamp"),
      Map.entry("ByteString", "bytea"), Map.entry("byte[]", "bytea"), Map.entry("[B", "bytea"));
  /** Constructs of a plan Calcite cannot implement, as they appear in its plan dump, and their SQL names. */
  private static final Map<String, String> PLAN_FEATURES = new LinkedHashMap<>();

  static {
    PLAN_FEATURES.put("PERCENTILE_CONT", "percentile_cont");
    PLAN_FEATURES.put("PERCENTILE_DISC", "percentile_disc");
    PLAN_FEATURES.put("Sample(", "TABLESAMPLE");
    PLAN_FEATURES.put("Correlate(", "a LATERAL subquery of this form");
    PLAN_FEATURES.put("Match(", "MATCH_RECOGNIZE");
    PLAN_FEATURES.put("TableFunctionScan(", "this table function");
  }

  private RuntimeFailures() {
  }

  /** The client's exception for {@code t} itself (not its causes), or null when this class does not know it. */
  static SQLException map(Throwable t) {
    if (t instanceof ArithmeticException a) {
      return arithmetic(a.getMessage(), a);
    }
    if (t instanceof NumberFormatException n) {
      return invalidNumber(n);
    }
    if (t instanceof DateTimeParseException d) {
      return SqlState.INVALID_DATETIME_FORMAT.create("invalid input syntax for a date/time value: "
          + quoted(d.getParsedString()), d);
    }
    if (t instanceof ClassCastException c) {
      return classCast(c);
    }
    if (t instanceof RelOptPlanner.CannotPlanException p) {
      return notPlannable(p);
    }
    if (t instanceof IllegalArgumentException i && i.getMessage() != null) {
      return datetime(i.getMessage(), i);
    }
    if (t instanceof ExceptionInInitializerError e && e.getCause() == null && e.getMessage() != null) {
      return recorded(e.getMessage(), e);
    }
    return null;
  }

  private static SQLException arithmetic(String message, Throwable cause) {
    String m = message == null ? "" : message;
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("by zero") || lower.contains("division undefined")) {
      return SqlState.DIVISION_BY_ZERO.create("division by zero", cause);
    }
    Matcher range = VALUE_RANGE.matcher(m);
    if (range.matches()) {
      return SqlState.NUMERIC_VALUE_OUT_OF_RANGE.create("value out of range: " + range.group(1)
          + " (expected: a value the target type can hold)", cause);
    }
    if (lower.equals("integer overflow")) {
      return SqlState.NUMERIC_VALUE_OUT_OF_RANGE.create("integer out of range", cause);
    }
    if (lower.equals("long overflow")) {
      return SqlState.NUMERIC_VALUE_OUT_OF_RANGE.create("bigint out of range", cause);
    }
    return SqlState.NUMERIC_VALUE_OUT_OF_RANGE.create("numeric value out of range", cause);
  }

  private static SQLException invalidNumber(NumberFormatException n) {
    String type = "numeric";
    for (StackTraceElement frame : n.getStackTrace()) {
      String parser = PARSERS.get(frame.getClassName());
      if (parser != null) {
        type = parser;
        break;
      }
    }
    Matcher m = n.getMessage() == null ? null : INPUT_STRING.matcher(n.getMessage());
    String value = m != null && m.matches() ? ": " + quoted(m.group(1)) : "";
    return SqlState.INVALID_TEXT_REPRESENTATION.create("invalid input syntax for type " + type + value, n);
  }

  private static SQLException datetime(String message, Throwable cause) {
    Matcher m = INVALID_DATETIME.matcher(message);
    if (m.matches()) {
      return SqlState.INVALID_DATETIME_FORMAT.create("invalid input syntax for type "
          + m.group(1).toLowerCase(Locale.ROOT) + ": " + quoted(m.group(2)), cause);
    }
    Matcher f = FIELD_RANGE.matcher(message);
    if (f.matches()) {
      return SqlState.DATETIME_FIELD_OVERFLOW.create("date/time field value out of range: " + quoted(f.group(1)),
          cause);
    }
    return null;
  }

  private static SQLException classCast(ClassCastException c) {
    Matcher m = c.getMessage() == null ? null : CAST.matcher(c.getMessage());
    String from = m != null && m.matches() ? sqlType(m.group(1)) : "another type";
    String to = m != null && m.matches() ? sqlType(m.group(2)) : "the expected type";
    return SqlState.DATATYPE_MISMATCH.create("a value of type " + from + " cannot be used where " + to
        + " is expected (expected: a parameter or expression of type " + to + ", e.g. with CAST)", c);
  }

  private static String sqlType(String javaClass) {
    String simple = javaClass.substring(javaClass.lastIndexOf('.') + 1);
    return SQL_TYPES.getOrDefault(simple, "another type");
  }

  /** Calcite found no way to run a plan: a construct its enumerable engine does not implement. */
  private static SQLException notPlannable(RelOptPlanner.CannotPlanException p) {
    String plan = p.getMessage() == null ? "" : p.getMessage();
    String feature = "this statement";
    for (Map.Entry<String, String> f : PLAN_FEATURES.entrySet()) {
      if (plan.contains(f.getKey())) {
        feature = f.getValue();
        break;
      }
    }
    return SqlState.FEATURE_NOT_SUPPORTED.create(feature + " is not supported by the Surrogate engine", p);
  }

  /**
   * A class whose static initializer failed is reported again, later, by a NoClassDefFoundError whose cause holds
   * only the text of the first failure; map that text as the first failure was mapped.
   */
  private static SQLException recorded(String text, Throwable cause) {
    Matcher m = RECORDED.matcher(text);
    if (!m.matches()) {
      return null;
    }
    String type = m.group(1);
    String message = m.group(2);
    if (type.equals(ArithmeticException.class.getName())) {
      return arithmetic(message, cause);
    }
    if (type.equals(IllegalArgumentException.class.getName()) && message != null) {
      return datetime(message, cause);
    }
    return null;
  }

  private static String quoted(String value) {
    String v = value == null ? "" : value;
    if (v.length() > MAX_VALUE_LENGTH) {
      v = v.substring(0, MAX_VALUE_LENGTH) + "...";
    }
    return "\"" + v + "\"";
  }
}
