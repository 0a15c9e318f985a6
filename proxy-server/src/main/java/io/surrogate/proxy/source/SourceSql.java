package io.surrogate.proxy.source;

/** Turns the {@code ?} placeholders of generated PostgreSQL SQL into PostgreSQL's numbered {@code $n}. */
public final class SourceSql {
  private SourceSql() {
  }

  /**
   * {@code sql} with its {@code ?} placeholders (outside string literals, quoted identifiers and comments)
   * numbered {@code $1, $2...} in order, or null when it does not hold exactly {@code expected} of them, or
   * holds a backslash (an escape string could hide a quote from this scan, so such SQL is not numbered).
   */
  public static String numbered(String sql, int expected) {
    if (sql.indexOf('\\') >= 0) {
      return null;
    }
    StringBuilder out = new StringBuilder(sql.length() + 8);
    int n = 0;
    int i = 0;
    int len = sql.length();
    while (i < len) {
      char c = sql.charAt(i);
      int end;
      if (c == '\'' || c == '"') {
        end = closing(sql, i, c);
      } else if (c == '-' && i + 1 < len && sql.charAt(i + 1) == '-') {
        end = sql.indexOf('\n', i);
        end = end < 0 ? len : end + 1;
      } else if (c == '/' && i + 1 < len && sql.charAt(i + 1) == '*') {
        end = sql.indexOf("*/", i + 2);
        end = end < 0 ? -1 : end + 2;
      } else if (c == '?') {
        out.append('$').append(++n);
        i++;
        continue;
      } else {
        out.append(c);
        i++;
        continue;
      }
      if (end < 0) {
        return null;
      }
      out.append(sql, i, end);
      i = end;
    }
    return n == expected ? out.toString() : null;
  }

  /** Index just past the quote that closes the one at {@code start}; a doubled quote stays inside. */
  private static int closing(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return -1;
  }
}
