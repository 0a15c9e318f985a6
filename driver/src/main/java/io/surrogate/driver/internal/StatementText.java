package io.surrogate.driver.internal;

/**
 * Reads SQL text as PostgreSQL's lexer does for one purpose: finding the statement terminator. PostgreSQL accepts
 * {@code SELECT 1;} (and whitespace or comments after the {@code ;}); Calcite's parser does not, so the terminator
 * is cut before parsing. A {@code ;} inside a string literal, quoted identifier or comment is not a terminator.
 */
public final class StatementText {
  private StatementText() {
  }

  /**
   * {@code sql} without its trailing terminators: when what follows the last top-level {@code ;} (and any before
   * it) is only whitespace and comments, the text up to the statement's end; otherwise {@code sql} unchanged, so
   * that several statements still reach the parser and fail there.
   */
  public static String withoutTerminator(String sql) {
    int end = -1;
    boolean terminated = false;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int skipped = skip(sql, i);
      if (skipped > i) {
        boolean comment = c == '-' || c == '/';
        if (!comment) {
          if (terminated) {
            return sql;
          }
          end = skipped;
        }
        i = skipped;
        continue;
      }
      if (c == ';') {
        terminated = true;
      } else if (!Character.isWhitespace(c)) {
        if (terminated) {
          return sql;
        }
        end = i + 1;
      }
      i++;
    }
    return terminated ? sql.substring(0, Math.max(end, 0)) : sql;
  }

  /** The index past the literal, quoted identifier or comment starting at {@code i}, or {@code i} if none does. */
  private static int skip(String s, int i) {
    char c = s.charAt(i);
    int n = s.length();
    if (c == '\'' || c == '"') {
      int j = i + 1;
      while (j < n) {
        if (s.charAt(j) == c) {
          if (j + 1 < n && s.charAt(j + 1) == c) {
            j += 2;
            continue;
          }
          return j + 1;
        }
        j++;
      }
      return n;
    }
    if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
      int j = s.indexOf('\n', i);
      return j < 0 ? n : j + 1;
    }
    if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
      int depth = 1;
      int j = i + 2;
      while (j < n && depth > 0) {
        if (s.startsWith("/*", j)) {
          depth++;
          j += 2;
        } else if (s.startsWith("*/", j)) {
          depth--;
          j += 2;
        } else {
          j++;
        }
      }
      return j;
    }
    return i;
  }
}
