package io.surrogate.proxy.session;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites PostgreSQL casts the engine has no type for: {@code ::text}/{@code ::name} become {@code ::varchar},
 * casts to {@code int2[]} go (the emulated columns are arrays already), {@code 'f'::regproc} becomes the
 * function's name, and {@code x::regclass}, {@code ::regtype}, {@code ::regnamespace} of a column become the name
 * looked up in {@code pg_class}, {@code pg_type} or {@code pg_namespace}, which is how PostgreSQL prints them.
 */
final class PgCasts {
  private static final Pattern TEXT_CAST = Pattern.compile("::\\s*(?:pg_catalog\\s*\\.\\s*)?(?:text|name)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern INT2_ARRAY_CAST = Pattern.compile(
      "::\\s*(?:pg_catalog\\s*\\.\\s*)?int2\\s*\\[\\s*\\]", Pattern.CASE_INSENSITIVE);
  private static final Pattern REGPROC_LITERAL = Pattern.compile(
      "'(?:pg_catalog\\.)?((?:[^']|'')*)'\\s*::\\s*(?:pg_catalog\\s*\\.\\s*)?regproc\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME_CAST = Pattern.compile(
      "([A-Za-z_][A-Za-z0-9_$]*(?:\\s*\\.\\s*[A-Za-z_][A-Za-z0-9_$]*)?|\\([^()']*\\))"
          + "\\s*::\\s*(?:pg_catalog\\s*\\.\\s*)?(regclass|regtype|regnamespace)\\b", Pattern.CASE_INSENSITIVE);

  private PgCasts() { }

  /** Casts to type names the engine lacks. */
  static String rewrite(String sql) {
    String s = TEXT_CAST.matcher(sql).replaceAll("::varchar");
    s = INT2_ARRAY_CAST.matcher(s).replaceAll("");
    return REGPROC_LITERAL.matcher(s).replaceAll(m -> Matcher.quoteReplacement("'" + m.group(1) + "'"));
  }

  /** Casts of a column or parenthesised value to an object-name type; run after literal regclass casts. */
  static String rewriteValueCasts(String sql) {
    return NAME_CAST.matcher(sql).replaceAll(m -> {
      String value = m.group(1);
      String lookup = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
        case "regclass" -> "(SELECT relname FROM pg_catalog.pg_class WHERE oid = " + value + ")";
        case "regtype" -> "(SELECT typname FROM pg_catalog.pg_type WHERE oid = " + value + ")";
        default -> "(SELECT nspname FROM pg_catalog.pg_namespace WHERE oid = " + value + ")";
      };
      return Matcher.quoteReplacement(lookup);
    });
  }
}
