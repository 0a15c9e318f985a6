package io.surrogate.catalog;

import java.util.Locale;
import java.util.Objects;

/**
 * How a column that no generator models gets its values in the twin: the policy's {@code fill:}. A filled column is
 * never read from the source nor modelled, so its value can hold nothing of the real rows.
 *
 * @param kind what fills it
 * @param sql for {@link Kind#SQL}, a PostgreSQL expression over the row's other (synthetic) columns, evaluated in
 *     the twin; otherwise null
 */
public record ColumnFill(Kind kind, String sql) {
  /** The kinds of fill. */
  public enum Kind {
    /** NULL. */
    NULL,
    /** A data-free value of the column's type: zero, false, the empty string, array or document, the epoch. */
    EMPTY,
    /** The column's default in the source's schema (NULL when it has none). */
    DEFAULT,
    /** An expression evaluated in the twin over the row's synthetic columns. */
    SQL
  }

  public ColumnFill {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.SQL) != (sql != null && !sql.isBlank())) {
      throw new IllegalArgumentException("fill " + kind + ": an expression is required exactly for sql");
    }
  }

  /** A fill without an expression. */
  public static ColumnFill of(Kind kind) {
    return new ColumnFill(kind, null);
  }

  /** An expression fill. */
  public static ColumnFill sql(String expression) {
    return new ColumnFill(Kind.SQL, expression);
  }

  /** How the policy writes it. */
  public String policyText() {
    return kind == Kind.SQL ? "{ sql: \"" + sql.replace("\"", "\\\"") + "\" }" : kind.name().toLowerCase(Locale.ROOT);
  }
}
