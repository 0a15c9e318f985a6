package io.surrogate.proxy.session;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Values of PostgreSQL's session information functions, and a rewrite that inlines them as literals wherever
 * they appear in a statement, so the engine never needs to know them.
 */
final class SessionFunctions {
  private SessionFunctions() { }

  /** The value of a session function, by lower-case name. */
  static String value(String function, SessionState state) {
    return switch (function) {
      case "version" -> "PostgreSQL " + state.services.config().serverVersion()
          + " (Surrogate proxy) on x86_64-pc-linux-gnu, 64-bit";
      case "current_database", "current_catalog" -> state.database;
      case "current_schema" -> "public";
      case "current_user", "session_user", "user" -> state.user;
      case "pg_backend_pid" -> Integer.toString(state.processId);
      default -> throw new IllegalArgumentException("session function: " + function);
    };
  }

  private static final Map<String, Boolean> INLINED = Map.of(
      "version", true, "current_database", true, "pg_backend_pid", true,
      "current_schema", false, "current_user", false, "session_user", false, "current_catalog", false);

  /**
   * Replaces calls of session functions outside literals and comments by string literals ({@code
   * pg_backend_pid()} by a number). Names that are qualified by anything but {@code pg_catalog} or followed by a
   * dot are columns, not calls, and stay.
   */
  static String inline(String sql, SessionState state) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      int skipped = SqlText.skipQuoted(sql, i);
      if (skipped != i) {
        i = skipped;
        continue;
      }
      char c = sql.charAt(i);
      if (!Character.isLetter(c) || (i > 0 && isIdentifierPart(sql.charAt(i - 1)))) {
        i++;
        continue;
      }
      int j = i;
      while (j < n && isIdentifierPart(sql.charAt(j))) {
        j++;
      }
      String word = sql.substring(i, j).toLowerCase(Locale.ROOT);
      Boolean needsParens = INLINED.get(word);
      int start = i;
      int end = j;
      if (needsParens != null && !followedByDot(sql, j) && qualifiedOk(sql, i)) {
        int afterParens = emptyParens(sql, j);
        if (afterParens > 0) {
          end = afterParens;
        } else if (needsParens) {
          end = -1;
        }
        if (end > 0) {
          if (start >= 11 && sql.regionMatches(true, start - 11, "pg_catalog.", 0, 11)) {
            start -= 11;
          }
          String literal = word.equals("pg_backend_pid") ? value(word, state)
              : "'" + value(word, state).replace("'", "''") + "'";
          if (out == null) {
            out = new StringBuilder(sql.length() + 32);
          }
          out.append(sql, copied, start).append(literal);
          if (isBareSelectItem(sql, start, end)) {
            // PostgreSQL names such a column after the function; a literal alone would be "?column?".
            out.append(" AS \"").append(word).append('"');
          }
          copied = end;
          i = end;
          continue;
        }
      }
      i = j;
    }
    if (out == null) {
      return sql;
    }
    return out.append(sql, copied, n).toString();
  }

  /**
   * Whether [start, end) is a whole item of the outermost SELECT list with no alias: preceded by SELECT or a
   * comma and followed by a comma, FROM or the end, at parenthesis depth 0 and before any FROM.
   */
  static boolean isBareSelectItem(String sql, int start, int end) {
    String before = sql.substring(0, start).stripTrailing();
    String after = sql.substring(end).stripLeading();
    String lower = before.toLowerCase(Locale.ROOT);
    boolean afterSelect = lower.endsWith(",") || (lower.endsWith("select")
        && (lower.length() == 6 || !isIdentifierPart(lower.charAt(lower.length() - 7))));
    boolean beforeEnd = after.isEmpty() || after.startsWith(",") || after.startsWith(";")
        || after.regionMatches(true, 0, "from", 0, 4) && (after.length() == 4 || !isIdentifierPart(after.charAt(4)));
    if (!afterSelect || !beforeEnd || !before.stripLeading().regionMatches(true, 0, "select", 0, 6)) {
      return false;
    }
    int depth = 0;
    for (int i = 0; i < start; i = Math.max(i + 1, SqlText.skipQuoted(sql, i))) {
      char c = sql.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    }
    return depth == 0 && SetReturningCalls.topLevelWord(sql, 0, start, Set.of("from")) < 0;
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static boolean followedByDot(String sql, int j) {
    return j < sql.length() && sql.charAt(j) == '.';
  }

  private static boolean qualifiedOk(String sql, int i) {
    if (i == 0 || sql.charAt(i - 1) != '.') {
      return true;
    }
    return i >= 11 && sql.regionMatches(true, i - 11, "pg_catalog.", 0, 11);
  }

  /** Index after {@code ( )} following position {@code j} (spaces allowed), or -1. */
  private static int emptyParens(String sql, int j) {
    int k = j;
    while (k < sql.length() && Character.isWhitespace(sql.charAt(k))) {
      k++;
    }
    if (k >= sql.length() || sql.charAt(k) != '(') {
      return -1;
    }
    k++;
    while (k < sql.length() && Character.isWhitespace(sql.charAt(k))) {
      k++;
    }
    return k < sql.length() && sql.charAt(k) == ')' ? k + 1 : -1;
  }
}
