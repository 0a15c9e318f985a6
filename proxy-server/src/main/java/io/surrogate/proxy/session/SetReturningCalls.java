package io.surrogate.proxy.session;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites PostgreSQL's set-returning {@code information_schema._pg_expandarray(a)} in a select list (one output
 * row per array element, as pgJDBC's key and index metadata queries use it) into the standard lateral form the
 * engine plans: {@code , UNNEST(a) WITH ORDINALITY AS e(x, n)} joined at the end of that SELECT's FROM clause.
 * {@code (f(a)).x} becomes {@code e.x}; a bare {@code f(a) AS k}, a composite value, becomes the flat columns
 * {@code k__x, k__n}, and a later {@code (q.k).x} becomes {@code q.k__x}.
 */
final class SetReturningCalls {
  private static final String CALL = "information_schema._pg_expandarray";
  private static final Set<String> AFTER_FROM = Set.of("where", "group", "having", "order", "limit", "offset",
      "union", "except", "intersect", "window", "fetch");
  private static final Pattern FIELD_OF_COLUMN = Pattern.compile(
      "\\(\\s*([A-Za-z_][A-Za-z0-9_$]*)\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_$]*)\\s*\\)\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_$]*)");

  private SetReturningCalls() { }

  static String rewrite(String sql) {
    String s = sql;
    int counter = 0;
    for (int at = find(s, 0); at >= 0; at = find(s, 0)) {
      int open = s.indexOf('(', at + CALL.length());
      int close = CatalogRewriter.matchingParen(s, open);
      if (close < 0) {
        return sql;
      }
      String call = s.substring(at, close + 1);
      String arg = s.substring(open + 1, close);
      int scopeStart = enclosingOpen(s, at) + 1;
      int scopeEnd = scopeStart == 0 ? s.length() : CatalogRewriter.matchingParen(s, scopeStart - 1);
      int from = topLevelWord(s, scopeStart, scopeEnd < 0 ? s.length() : scopeEnd, Set.of("from"));
      if (from < 0) {
        return sql;
      }
      int fromEnd = topLevelWord(s, from + 4, scopeEnd < 0 ? s.length() : scopeEnd, AFTER_FROM);
      if (fromEnd < 0) {
        fromEnd = scopeEnd < 0 ? s.length() : scopeEnd;
      }
      String alias = "_pg_expandarray" + (++counter);
      String selectList = s.substring(scopeStart, from);
      Pattern field = Pattern.compile("\\(\\s*" + Pattern.quote(call) + "\\s*\\)\\s*\\.\\s*([A-Za-z_]\\w*)",
          Pattern.CASE_INSENSITIVE);
      selectList = field.matcher(selectList).replaceAll(m -> Matcher.quoteReplacement(alias + "." + m.group(1)));
      Pattern named = Pattern.compile(Pattern.quote(call) + "\\s+AS\\s+([A-Za-z_]\\w*)", Pattern.CASE_INSENSITIVE);
      selectList = named.matcher(selectList).replaceAll(m -> Matcher.quoteReplacement(alias + ".x AS "
          + m.group(1) + "__x, " + alias + ".n AS " + m.group(1) + "__n"));
      selectList = selectList.replace(call, alias + ".x, " + alias + ".n");
      s = s.substring(0, scopeStart) + selectList + s.substring(from, fromEnd).stripTrailing() + ", UNNEST(" + arg
          + ") WITH ORDINALITY AS " + alias + "(x, n) " + s.substring(fromEnd);
    }
    if (counter == 0) {
      return sql;
    }
    return FIELD_OF_COLUMN.matcher(s).replaceAll("$1.$2__$3");
  }

  private static int find(String s, int from) {
    int i = from;
    while (i < s.length()) {
      int skipped = SqlText.skipQuoted(s, i);
      if (skipped != i) {
        i = skipped;
        continue;
      }
      if (s.regionMatches(true, i, CALL, 0, CALL.length())) {
        int j = i + CALL.length();
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
          j++;
        }
        if (j < s.length() && s.charAt(j) == '(') {
          return i;
        }
      }
      i++;
    }
    return -1;
  }

  /** The index of the innermost unmatched '(' before {@code at} that opens a subquery, or -1 at top level. */
  private static int enclosingOpen(String s, int at) {
    int depth = 0;
    int[] stack = new int[s.length() + 1];
    int i = 0;
    while (i < at) {
      int skipped = SqlText.skipQuoted(s, i);
      if (skipped != i) {
        i = skipped;
        continue;
      }
      char c = s.charAt(i);
      if (c == '(') {
        stack[depth++] = i;
      } else if (c == ')' && depth > 0) {
        depth--;
      }
      i++;
    }
    for (int k = depth - 1; k >= 0; k--) {
      String after = s.substring(stack[k] + 1, Math.min(s.length(), stack[k] + 40)).stripLeading();
      if (after.regionMatches(true, 0, "select", 0, 6)) {
        return stack[k];
      }
    }
    return -1;
  }

  /** The start of the first of {@code words} at parenthesis depth 0 in [from, to), or -1. */
  static int topLevelWord(String s, int from, int to, Set<String> words) {
    int depth = 0;
    int i = from;
    while (i < to) {
      int skipped = SqlText.skipQuoted(s, i);
      if (skipped != i) {
        i = skipped;
        continue;
      }
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && Character.isLetter(c) && (i == 0 || !isWordChar(s.charAt(i - 1)))) {
        int j = i;
        while (j < to && isWordChar(s.charAt(j))) {
          j++;
        }
        if (words.contains(s.substring(i, j).toLowerCase(Locale.ROOT))) {
          return i;
        }
        i = j;
        continue;
      }
      i++;
    }
    return -1;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.';
  }
}
