package io.surrogate.catalog;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A table located in the source's metadata, with the catalog, schema and name spelled as the source
 * spells them.
 *
 * @param catalog JDBC catalog, or null
 * @param schema schema, or null where the source has none
 * @param name table name
 */
public record SourceTable(String catalog, String schema, String name) {

  public SourceTable {
    Objects.requireNonNull(name, "name");
  }

  /** {@code "schema"."name"} quoted for the source, ready to put in generated SQL. */
  public String qualified(DatabaseMetaData meta) throws SQLException {
    String q = meta.getIdentifierQuoteString();
    q = q == null || q.isBlank() ? "" : q.trim();
    String out = quote(name, q);
    return schema == null || schema.isEmpty() ? out : quote(schema, q) + "." + out;
  }

  /** Quotes an identifier, doubling embedded quote characters. */
  public static String quote(String identifier, String quote) {
    if (quote.isEmpty()) {
      return identifier;
    }
    return quote + identifier.replace(quote, quote + quote) + quote;
  }
}
