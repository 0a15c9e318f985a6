package io.surrogate.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A table name as a PostgreSQL client writes it, after PostgreSQL's identifier rules: unquoted parts fold to
 * lower case, double-quoted parts are exact ({@code ""} stands for one quote), an optional schema before a dot.
 *
 * @param schema the schema, or null when the name is not qualified
 * @param name the table name
 */
public record TableName(String schema, String name) {

  public TableName {
    Objects.requireNonNull(name, "name");
  }

  /**
   * Parses {@code departments}, {@code "DEPARTMENTS"}, {@code hr.departments} or {@code "HR"."Dept"}.
   *
   * @throws IllegalArgumentException when the text is not one or two identifiers separated by a dot
   */
  public static TableName parse(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          part.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          part.append(ch);
        }
      } else if (ch == '"' && part.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (ch == '.') {
        parts.add(finish(text, part, wasQuoted));
        part.setLength(0);
        wasQuoted = false;
      } else if (wasQuoted || ch == '"' || Character.isWhitespace(ch)) {
        throw new IllegalArgumentException(text);
      } else {
        part.append(ch);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(text);
    }
    parts.add(finish(text, part, wasQuoted));
    if (parts.size() > 2) {
      throw new IllegalArgumentException(text);
    }
    return parts.size() == 1 ? new TableName(null, parts.get(0)) : new TableName(parts.get(0), parts.get(1));
  }

  private static String finish(String text, StringBuilder part, boolean quoted) {
    if (part.length() == 0) {
      throw new IllegalArgumentException(text);
    }
    return quoted ? part.toString() : part.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * The name a PostgreSQL client uses for an identifier the source stores as {@code stored}: lower-cased when
   * the source folds unquoted names to upper case (H2) and {@code stored} is in that case, else exact.
   */
  public static String visible(String stored, boolean sourceFoldsUpper) {
    if (sourceFoldsUpper && stored.equals(stored.toUpperCase(Locale.ROOT))) {
      return stored.toLowerCase(Locale.ROOT);
    }
    return stored;
  }

  /** Quotes a part when PostgreSQL would not read it back unquoted as the same name. */
  static String quoteIfNeeded(String part) {
    return part.matches("[a-z_][a-z0-9_$]*") ? part : "\"" + part.replace("\"", "\"\"") + "\"";
  }

  @Override
  public String toString() {
    return (schema == null ? "" : quoteIfNeeded(schema) + ".") + quoteIfNeeded(name);
  }
}
