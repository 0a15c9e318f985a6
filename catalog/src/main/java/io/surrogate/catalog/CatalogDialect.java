package io.surrogate.catalog;

import java.util.Locale;

/** Column types of the catalog tables on each database it has been tested on (H2, PostgreSQL) or may run on. */
enum CatalogDialect {
  H2("BLOB", "CLOB", "TIMESTAMP(6)"),
  POSTGRESQL("BYTEA", "TEXT", "TIMESTAMP(6)"),
  MYSQL("LONGBLOB", "LONGTEXT", "DATETIME(6)"),
  GENERIC("BLOB", "CLOB", "TIMESTAMP");

  final String bytes;
  final String text;
  final String timestamp;

  CatalogDialect(String bytes, String text, String timestamp) {
    this.bytes = bytes;
    this.text = text;
    this.timestamp = timestamp;
  }

  static CatalogDialect of(String productName) {
    String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (p.contains("h2")) {
      return H2;
    }
    if (p.contains("postgres")) {
      return POSTGRESQL;
    }
    if (p.contains("mysql") || p.contains("mariadb")) {
      return MYSQL;
    }
    return GENERIC;
  }
}
