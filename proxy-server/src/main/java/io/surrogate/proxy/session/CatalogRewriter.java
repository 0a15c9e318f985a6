package io.surrogate.proxy.session;

import io.surrogate.proxy.catalog.PgCatalogSchema;
import java.util.ArrayList;
import java.util.List;
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
  /** A relation that is no partition is its own only ancestor, at depth 1. */
  private static final Pattern ANCESTORS_IN_FROM = Pattern.compile("(?:pg_catalog\\.)?pg_partition_ancestors\\s*"
      + "\\(([^()']*)\\)\\s+WITH\\s+ORDINALITY\\s+AS\\s+(\\w+)\\s*\\(\\s*(\\w+)\\s*,\\s*(\\w+)\\s*\\)",
      Pattern.CASE_INSENSITIVE);
  /** An untyped literal compared with an array's elements: PostgreSQL gives it the element type. */
  private static final Pattern LITERAL_ANY = Pattern.compile("('(?:[^']|'')*')(\\s*=\\s*any\\s*\\()",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern OID_CAST = Pattern.compile("::\\s*(?:pg_catalog\\.)?oid\\b", Pattern.CASE_INSENSITIVE);

  /** Functions that measure a relation's storage or use. */
  private static final List<String> SIZE_FUNCTIONS = List.of("pg_total_relation_size", "pg_relation_size",
      "pg_table_size", "pg_indexes_size", "pg_stat_get_numscans", "pg_stat_get_tuples_returned",
      "pg_stat_get_live_tuples", "pg_stat_get_dead_tuples");

  /** Functions the emulated pg_catalog defines, which PostgreSQL finds unqualified through the search path. */
  private static final List<String> QUALIFIED = List.of("generate_series", "format_type", "col_description");

  /**
   * PostgreSQL's fixed OIDs of the catalog tables that clients name as {@code 'pg_class'::regclass} (pgJDBC's
   * getTables, to find table comments in pg_description), which the emulated pg_class does not list.
   */
  private static final java.util.Map<String, Integer> CATALOG_RELATIONS = java.util.Map.of("pg_class", 1259,
      "pg_type", 1247, "pg_attribute", 1249, "pg_proc", 1255, "pg_namespace", 2615, "pg_constraint", 2606,
      "pg_index", 2610, "pg_description", 2609);

  private CatalogRewriter() { }

  /** Catalog functions a client may call without naming pg_catalog, as PostgreSQL's search path allows. */
  private static final Pattern CATALOG_CALL = Pattern.compile("\\b(?:pg_get_userbyid|pg_get_indexdef|"
      + "pg_get_constraintdef|pg_get_expr|pg_table_is_visible|pg_encoding_to_char|format_type|current_schemas|"
      + "pg_total_relation_size|pg_relation_size|pg_table_size|pg_indexes_size|obj_description|col_description|"
      + "pg_size_pretty)"
      + "\\s*\\(", Pattern.CASE_INSENSITIVE);

  /** Whether the statement is a catalog query this rewriter looks at: it names pg_catalog or calls its functions. */
  static boolean applies(String sql) {
    return sql.toLowerCase(Locale.ROOT).contains("pg_catalog") || CATALOG_CALL.matcher(withoutQuoted(sql)).find();
  }

  /** {@code sql} with every quoted literal or identifier blanked out. */
  private static String withoutQuoted(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    for (int i = 0; i < sql.length(); ) {
      int skipped = SqlText.skipQuoted(sql, i);
      if (skipped != i) {
        out.append(' ');
        i = skipped;
      } else {
        out.append(sql.charAt(i++));
      }
    }
    return out.toString();
  }

  static String rewrite(String sql, String user) {
    String s = SetReturningCalls.rewrite(sql);
    s = replaceCall(s, "pg_get_userbyid", "'" + user.replace("'", "''") + "'");
    // The emulated functions take no "pretty" flag: their text is always the pretty form.
    s = replaceCall(s, "pg_get_indexdef", args -> "pg_catalog.pg_get_indexdef(" + args.get(0) + ", "
        + (args.size() > 1 ? args.get(1) : "0") + ")");
    s = replaceCall(s, "pg_get_constraintdef", args -> "pg_catalog.pg_get_constraintdef(" + args.get(0) + ")");
    // No triggers, statistics objects, publications or partitions exist in the emulated catalog, so these
    // functions only ever see rows of empty tables; they still have to type-check.
    s = replaceCall(s, "pg_get_triggerdef", "CAST(NULL AS VARCHAR)");
    s = replaceCall(s, "pg_get_statisticsobjdef_columns", "CAST(NULL AS VARCHAR)");
    s = replaceCall(s, "pg_relation_is_publishable", "FALSE");
    s = replaceCall(s, "pg_get_partkeydef", "CAST(NULL AS VARCHAR)");
    // Sizes and scan counts follow from how many rows a table holds, which is data: they stay unknown.
    for (String size : SIZE_FUNCTIONS) {
      s = replaceCall(s, size, "CAST(NULL AS BIGINT)");
    }
    s = ANCESTORS_IN_FROM.matcher(s).replaceAll("LATERAL (SELECT $1 AS $3, 1 AS $4) AS $2");
    s = replaceCall(s, "pg_partition_ancestors", args -> "(" + args.get(0).replaceAll("^'([0-9]+)'$", "$1") + ")");
    // Table comments only: the catalog name argument of obj_description(oid, 'pg_class') is not needed.
    s = replaceCall(s, "obj_description", args -> "pg_catalog.obj_description(" + args.get(0) + ")");
    for (String function : QUALIFIED) {
      s = replaceCall(s, function, args -> "pg_catalog." + function + "(" + String.join(", ", args) + ")");
    }
    s = PgCasts.rewrite(s);
    s = LITERAL_ANY.matcher(s).replaceAll("CAST($1 AS VARCHAR)$2");
    s = qualifyTables(s);
    s = replaceCall(s, "pg_table_is_visible", "TRUE");
    // Sizes are unknown (they follow from row counts), so their pretty form is too.
    s = replaceCall(s, "pg_size_pretty", "CAST(NULL AS VARCHAR)");
    s = replaceCall(s, "pg_encoding_to_char", "'UTF8'");
    s = replaceCall(s, "array_to_string", "CAST(NULL AS VARCHAR)");
    s = replaceCall(s, "current_schemas", "ARRAY['pg_catalog', 'public']");
    s = replaceCall(s, "array_upper", CatalogRewriter::arrayUpper);
    s = replaceFirstArgument(s, "pg_get_expr");
    s = COLLATE_DEFAULT.matcher(s).replaceAll("");
    s = REGCLASS.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1).matches("[0-9]+") ? m.group(1)
        : CATALOG_RELATIONS.containsKey(m.group(1).replaceFirst("^pg_catalog\\.", ""))
            ? String.valueOf(CATALOG_RELATIONS.get(m.group(1).replaceFirst("^pg_catalog\\.", "")))
            : "(SELECT oid FROM pg_catalog.pg_class WHERE relname = '" + m.group(1) + "')"));
    s = OID_CAST.matcher(s).replaceAll("");
    s = PgCasts.rewriteValueCasts(s);
    return REGEX_MATCH.matcher(s).replaceAll(CatalogRewriter::regexToLike);
  }

  /**
   * {@code array_upper(a, 1)}: the element count of a one-dimensional array (lower bound 1), a literal when
   * {@code a} is an ARRAY[...] constructor, since the engine takes only literals as table function arguments.
   */
  private static String arrayUpper(List<String> args) {
    String array = args.get(0).strip();
    if (array.regionMatches(true, 0, "ARRAY[", 0, 6) && array.endsWith("]")) {
      String inner = array.substring(6, array.length() - 1);
      return Integer.toString(inner.isBlank() ? 0 : splitArguments(inner).size());
    }
    return "CARDINALITY(" + array + ")";
  }

  /** Qualifies {@code FROM pg_x} and {@code JOIN pg_x} for the tables of the emulated pg_catalog. */
  static String qualifyTables(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + 32);
    String previousWord = "";
    int i = 0;
    while (i < sql.length()) {
      int skipped = SqlText.skipQuoted(sql, i);
      if (skipped != i) {
        out.append(sql, i, skipped);
        i = skipped;
        continue;
      }
      char c = sql.charAt(i);
      if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
          j++;
        }
        String word = sql.substring(i, j);
        boolean qualifiedHere = i > 0 && sql.charAt(i - 1) == '.';
        boolean followed = j < sql.length() && (sql.charAt(j) == '.' || sql.charAt(j) == '(');
        if (!qualifiedHere && !followed && (previousWord.equals("from") || previousWord.equals("join"))
            && PgCatalogSchema.TABLE_NAMES.contains(word.toLowerCase(Locale.ROOT))) {
          out.append("pg_catalog.");
        }
        out.append(word);
        previousWord = word.toLowerCase(Locale.ROOT);
        i = j;
        continue;
      }
      if (!Character.isWhitespace(c)) {
        previousWord = "";
      }
      out.append(c);
      i++;
    }
    return out.toString();
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
    return replaceCall(sql, name, args -> replacement);
  }

  /**
   * Replaces each call {@code [pg_catalog.]name(a, b, ...)} (balanced, outside literals) with what {@code
   * replacement} makes of its top-level arguments; inner calls of the same function are rewritten first.
   */
  static String replaceCall(String sql, String name, java.util.function.Function<List<String>, String> replacement) {
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
          int callStart = out.length();
          List<String> args = new ArrayList<>();
          for (String a : splitArguments(sql.substring(j + 1, close))) {
            args.add(replaceCall(a, name, replacement));
          }
          out.append(replacement.apply(args));
          if (SelectItems.isBareItem(out, callStart, sql, close + 1)) {
            // PostgreSQL names an unaliased call's column after the function; the replacement must keep that name.
            out.append(" AS \"").append(name.toLowerCase(Locale.ROOT)).append('"');
          }
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
    return replaceCall(sql, name, args -> "(" + args.get(0) + ")");
  }

  /** The top-level, comma-separated arguments of a call (none for an empty list). */
  static List<String> splitArguments(String args) {
    List<String> out = new ArrayList<>();
    if (args.isBlank()) {
      return out;
    }
    String rest = args;
    for (int comma = topLevelComma(rest); comma >= 0; comma = topLevelComma(rest)) {
      out.add(rest.substring(0, comma).strip());
      rest = rest.substring(comma + 1);
    }
    out.add(rest.strip());
    return out;
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
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
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

  static int matchingParen(String sql, int open) {
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
