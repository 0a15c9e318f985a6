package io.surrogate.proxy.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lexical helpers over PostgreSQL SQL text that respect string literals, quoted identifiers, dollar quotes and
 * comments: splitting on top-level semicolons, reading leading keywords and turning {@code $n} placeholders into
 * JDBC {@code ?} markers.
 */
final class SqlText {
  private SqlText() { }

  /** A rewritten statement: JDBC SQL plus, for each {@code ?}, the 0-based PostgreSQL parameter it stands for. */
  record Placeholders(String sql, int[] jdbcToPg, int pgCount) { }

  /**
   * Returns the index just past the literal, quoted identifier, dollar quote or comment starting at {@code i},
   * or {@code i} itself when none starts there. An unterminated one extends to the end of the text.
   */
  static int skipQuoted(String s, int i) {
    char c = s.charAt(i);
    int n = s.length();
    if (c == '\'') {
      boolean backslashEscapes = i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e')
          && (i < 2 || !Character.isLetterOrDigit(s.charAt(i - 2)));
      int j = i + 1;
      while (j < n) {
        char d = s.charAt(j);
        if (backslashEscapes && d == '\\') {
          j += 2;
          continue;
        }
        if (d == '\'') {
          if (j + 1 < n && s.charAt(j + 1) == '\'') {
            j += 2;
            continue;
          }
          return j + 1;
        }
        j++;
      }
      return n;
    }
    if (c == '"') {
      int j = s.indexOf('"', i + 1);
      while (j >= 0 && j + 1 < n && s.charAt(j + 1) == '"') {
        j = s.indexOf('"', j + 2);
      }
      return j < 0 ? n : j + 1;
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
    if (c == '$') {
      return skipDollarQuote(s, i);
    }
    return i;
  }

  private static int skipDollarQuote(String s, int i) {
    if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
      return i;
    }
    int j = i + 1;
    while (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_'
        || (j > i + 1 && Character.isDigit(s.charAt(j))))) {
      j++;
    }
    if (j >= s.length() || s.charAt(j) != '$') {
      return i;
    }
    String tag = s.substring(i, j + 1);
    int end = s.indexOf(tag, j + 1);
    return end < 0 ? s.length() : end + tag.length();
  }

  /** Splits a simple-query string into its statements, dropping empty ones. */
  static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < sql.length()) {
      int skipped = skipQuoted(sql, i);
      if (skipped != i) {
        i = skipped;
        continue;
      }
      if (sql.charAt(i) == ';') {
        addIfNotBlank(out, sql.substring(start, i));
        start = i + 1;
      }
      i++;
    }
    addIfNotBlank(out, sql.substring(start));
    return out;
  }

  private static void addIfNotBlank(List<String> out, String statement) {
    if (!stripComments(statement).isBlank()) {
      out.add(statement.strip());
    }
  }

  /** The statement with comments removed and a trailing semicolon dropped (literals untouched). */
  static String stripComments(String sql) {
    StringBuilder sb = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      int skipped = skipQuoted(sql, i);
      if (skipped != i) {
        char c = sql.charAt(i);
        boolean comment = c == '-' || c == '/';
        sb.append(comment ? " " : sql.substring(i, skipped));
        i = skipped;
      } else {
        sb.append(sql.charAt(i++));
      }
    }
    String s = sb.toString().strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }

  /** The first word of the statement in upper case ({@code ""} when there is none). */
  static String firstWord(String sql) {
    String s = stripComments(sql);
    int i = 0;
    while (i < s.length() && s.charAt(i) == '(') {
      i++;
    }
    int j = i;
    while (j < s.length() && Character.isLetter(s.charAt(j))) {
      j++;
    }
    return s.substring(i, j).toUpperCase(Locale.ROOT);
  }

  /** Replaces {@code $1..$n} outside literals and comments with {@code ?}, remembering which is which. */
  static Placeholders placeholders(String sql) {
    StringBuilder sb = new StringBuilder(sql.length());
    List<Integer> mapping = new ArrayList<>();
    int max = 0;
    int i = 0;
    while (i < sql.length()) {
      int skipped = skipQuoted(sql, i);
      if (skipped != i) {
        sb.append(sql, i, skipped);
        i = skipped;
        continue;
      }
      char c = sql.charAt(i);
      if (c == '$' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))
          && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
        int j = i + 1;
        while (j < sql.length() && Character.isDigit(sql.charAt(j))) {
          j++;
        }
        int number = Integer.parseInt(sql.substring(i + 1, Math.min(j, i + 7)));
        mapping.add(number - 1);
        max = Math.max(max, number);
        sb.append('?');
        i = j;
        continue;
      }
      sb.append(c);
      i++;
    }
    return new Placeholders(sb.toString(), mapping.stream().mapToInt(Integer::intValue).toArray(), max);
  }
}
