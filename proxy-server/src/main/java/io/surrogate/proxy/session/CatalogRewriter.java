package io.surrogate.proxy.session;

import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small rewriter for the PostgreSQL-only shapes that psql and pgJDBC put into catalog queries, turning them
 * into standard SQL over the emulated {@code pg_catalog} that the engine then plans like any query (nothing is
 * ever passed to the source). Applied only to statements that name {@code pg_catalog}. The shapes:
 * <ul>
 *   <li>{@code pg_catalog.pg_get_userbyid(x)} → the session user; {@code pg_table_is_visible(x)} → TRUE;
 *       {@code pg_encoding_to_char(x)} → 'UTF8'; {@code array_to_string(acl, sep)} → NULL (no ACLs);</li>
 *   <li>{@code x ~ '^(name)$'}, {@code x OPERATOR(pg_catalog.~) '^pg_'} and {@code !~} with anchored regexes made
 *       of literal characters, {@code .} and {@code .*} → {@code [NOT] LIKE} with an escape;</li>
 *   <li>{@code COLLATE pg_catalog.default} → removed; {@code 'name'::regclass} → a pg_class lookup;
 *       {@code ::oid} → removed.</li>
 * </ul>
 */
final class CatalogRewriter {
  private static final Pattern REGEX_MATCH = Pattern.compile(
      "(!~|OPERATOR\\s*\\(\\s*pg_catalog\\s*\\.\\s*~\\s*\\)|~)\\s*'((?:[^']|'')*)'", Pattern.CASE_INSENSITIVE);
  private static final Pattern COLLATE_DEFAULT = Pattern.compile("\\s+COLLATE\\s+pg_catalog\\.default",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern REGCLASS = Pattern.compile("'((?:[^']|'')*)'\\s*::\\s*(?:pg_catalog\\.)?regclass",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern OID_CAST = Pattern.compile("::\\s*(?:pg_catalog\\.)?oid\\b", Pattern.CASE_INSENSITIVE);

  private CatalogRewriter() { }

  /** Whether the statement is a catalog query this rewriter looks at. */
  static boolean applies(String sql) {
    return sql.toLowerCase(Locale.ROOT).contains("pg_catalog");
  }

  static String rewrite(String sql, String user) {
    String s = replaceCall(sql, "pg_get_userbyid", "'" + user.replace("'", "''") + "'");
    s = replaceCall(s, "pg_table_is_visible", "TRUE");
    s = replaceCall(s, "pg_encoding_to_char", "'UTF8'");
    s = replaceCall(s, "array_to_string", "CAST(NULL AS VARCHAR)");
    s = replaceCall(s, "current_schemas", "ARRAY['pg_catalog', 'public']");
    s = replaceFirstArgument(s, "pg_get_expr");
    s = COLLATE_DEFAULT.matcher(s).replaceAll("");
    s = REGCLASS.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
        "(SELECT oid FROM pg_catalog.pg_class WHERE relname = '" + m.group(1) + "')"));
    s = OID_CAST.matcher(s).replaceAll("");
    return REGEX_MATCH.matcher(s).replaceAll(CatalogRewriter::regexToLike);
  }

  private static String regexToLike(MatchResult m) {
    boolean negated = m.group(1).startsWith("!");
    String regex = m.group(2).replace("''", "'");
    if (!regex.startsWith("^")) {
      return Matcher.quoteReplacement(m.group());
    }
    String body = regex.substring(1);
    boolean anchoredEnd = body.endsWith("$");
    if (anchoredEnd) {
      body = body.substring(0, body.length() - 1);
    }
    if (body.startsWith("(") && body.endsWith(")")) {
      body = body.substring(1, body.length() - 1);
    }
    StringBuilder like = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '.' && i + 1 < body.length() && body.charAt(i + 1) == '*') {
        like.append('%');
        i++;
      } else if (c == '.') {
        like.append('_');
      } else if (c == '_' || c == '%' || c == '\\') {
        like.append('\\').append(c);
      } else if (Character.isLetterOrDigit(c) || c == ' ' || c == '-') {
        like.append(c);
      } else {
        return Matcher.quoteReplacement(m.group());
      }
    }
    if (!anchoredEnd) {
      like.append('%');
    }
    String literal = like.toString().replace("'", "''");
    return Matcher.quoteReplacement((negated ? "NOT LIKE '" : "LIKE '") + literal + "' ESCAPE '\\'");
  }

  /** Replaces {@code [pg_catalog.]name( ... )} (balanced, outside literals) with {@code replacement}. */
  static String replaceCall(String sql, String name, String replacement) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    int n = sql.length();
    while (i < n) {
      int skipped = SqlText.skipQuoted(sql, i);
      if (skipped != i) {
        out.append(sql, i, skipped);
        i = skipped;
        continue;
      }
      if (sql.regionMatches(true, i, name, 0, name.length()) && (i == 0 || !isWordChar(sql.charAt(i - 1))
          || sql.charAt(i - 1) == '.')) {
        int j = i + name.length();
        while (j < n && Character.isWhitespace(sql.charAt(j))) {
          j++;
        }
        int close = j < n && sql.charAt(j) == '(' ? matchingParen(sql, j) : -1;
        if (close > 0) {
          int start = out.length();
          if (start >= 11 && out.substring(start - 11).equalsIgnoreCase("pg_catalog.")) {
            out.setLength(start - 11);
          }
          out.append(replacement);
          i = close + 1;
          continue;
        }
      }
      out.append(sql.charAt(i));
      i++;
    }
    return out.toString();
  }

  /** Replaces {@code [pg_catalog.]name(a, b)} by {@code (a)}: pg_attrdef.adbin already holds the text. */
  static String replaceFirstArgument(String sql, String name) {
    String marker = "\u0001";
    String s = replaceCall(sql, name, marker);
    if (s.equals(sql)) {
      return sql;
    }
    StringBuilder out = new StringBuilder();
    int from = 0;
    int searchFrom = 0;
    for (int at = s.indexOf(marker); at >= 0; at = s.indexOf(marker, at + 1)) {
      int call = indexOfCall(sql, name, searchFrom);
      int open = sql.indexOf('(', call);
      int close = matchingParen(sql, open);
      String args = sql.substring(open + 1, close);
      int comma = topLevelComma(args);
      out.append(s, from, at).append('(').append(comma < 0 ? args : args.substring(0, comma)).append(')');
      from = at + 1;
      searchFrom = close;
    }
    return out.append(s.substring(from)).toString();
  }

  private static int indexOfCall(String sql, String name, int from) {
    return sql.toLowerCase(Locale.ROOT).indexOf(name.toLowerCase(Locale.ROOT), from);
  }

  private static int topLevelComma(String args) {
    int depth = 0;
    for (int i = 0; i < args.length(); i++) {
      int skipped = SqlText.skipQuoted(args, i);
      if (skipped != i) {
        i = skipped - 1;
        continue;
      }
      char c = args.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.';
  }

  private static int matchingParen(String sql, int open) {
    int depth = 0;
    int i = open;
    while (i < sql.length()) {
      int skipped = SqlText.skipQuoted(sql, i);
      if (skipped != i) {
        i = skipped;
        continue;
      }
      char c = sql.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }
}
