package io.surrogate.proxy.session;

import java.util.Locale;
import java.util.Set;

/**
 * Tells whether a span of SQL text is a whole, unaliased item of a SELECT list, so that a rewrite which replaces a
 * function call there can keep the column name PostgreSQL would give it. Text only, conservative: anything it
 * cannot place (inside a call's arguments, an expression, a clause other than the select list) is not an item.
 */
final class SelectItems {
  /**
   * Keywords that start a clause and so cannot occur inside a select item at its own nesting depth; met going
   * backwards before SELECT, they show that the comma separates something else (GROUP BY, ORDER BY, ...).
   * Keywords that may occur inside an item (AS, CASE ... END, AND, IN, ...) are passed over.
   */
  private static final Set<String> CLAUSES = Set.of("from", "where", "on", "by", "having", "values", "set", "into",
      "returning", "join", "using", "limit", "offset", "union", "intersect", "except");

  private SelectItems() {
  }

  /**
   * Whether the text {@code before[itemStart..]} (already rewritten) followed by {@code after[from..]} (not yet)
   * is an unaliased select-list item: preceded by SELECT, DISTINCT or a select-list comma, followed by a comma,
   * FROM, a closing parenthesis, a semicolon or the end.
   */
  static boolean isBareItem(CharSequence before, int itemStart, String after, int from) {
    return endsItem(after, from) && startsItem(before, itemStart);
  }

  private static boolean endsItem(String sql, int from) {
    int j = from;
    while (j < sql.length() && Character.isWhitespace(sql.charAt(j))) {
      j++;
    }
    if (j >= sql.length()) {
      return true;
    }
    char c = sql.charAt(j);
    if (c == ',' || c == ')' || c == ';') {
      return true;
    }
    return sql.regionMatches(true, j, "from", 0, 4) && (j + 4 >= sql.length() || !isWordChar(sql.charAt(j + 4)));
  }

  private static boolean startsItem(CharSequence sql, int itemStart) {
    int i = skipSpaceBack(sql, itemStart - 1);
    if (i < 0) {
      return false;
    }
    if (sql.charAt(i) != ',') {
      String word = wordEndingAt(sql, i);
      return word.equals("select") || word.equals("distinct") || word.equals("all");
    }
    // A comma: the list it separates is a select list when, at this nesting depth, SELECT comes before any clause
    // keyword or any opening parenthesis of an enclosing call.
    int depth = 0;
    for (int k = i - 1; k >= 0; k--) {
      char c = sql.charAt(k);
      if (c == '\'' || c == '"') {
        k = openingQuote(sql, k);
        continue;
      }
      if (c == ')') {
        depth++;
      } else if (c == '(') {
        if (depth == 0) {
          return false;
        }
        depth--;
      } else if (depth == 0 && isWordChar(c) && (k == 0 || !isWordChar(sql.charAt(k - 1)))) {
        String word = wordStartingAt(sql, k);
        if (word.equals("select")) {
          return true;
        }
        if (CLAUSES.contains(word)) {
          return false;
        }
      }
    }
    return false;
  }

  private static int openingQuote(CharSequence sql, int closing) {
    char q = sql.charAt(closing);
    for (int k = closing - 1; k >= 0; k--) {
      if (sql.charAt(k) == q) {
        if (k > 0 && sql.charAt(k - 1) == q) {
          k--;
          continue;
        }
        return k;
      }
    }
    return 0;
  }

  private static int skipSpaceBack(CharSequence sql, int i) {
    while (i >= 0 && Character.isWhitespace(sql.charAt(i))) {
      i--;
    }
    return i;
  }

  private static String wordEndingAt(CharSequence sql, int end) {
    int k = end;
    while (k >= 0 && isWordChar(sql.charAt(k))) {
      k--;
    }
    return sql.subSequence(k + 1, end + 1).toString().toLowerCase(Locale.ROOT);
  }

  private static String wordStartingAt(CharSequence sql, int start) {
    int k = start;
    while (k < sql.length() && isWordChar(sql.charAt(k))) {
      k++;
    }
    return sql.subSequence(start, k).toString().toLowerCase(Locale.ROOT);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
