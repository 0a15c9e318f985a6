package io.surrogate.proxy.catalog;

import java.sql.DatabaseMetaData;

/** Maps JDBC's foreign-key rule codes to {@code pg_constraint.confupdtype}/{@code confdeltype} letters and SQL. */
final class ReferentialAction {
  private ReferentialAction() { }

  /** The pg_constraint letter for a JDBC {@code UPDATE_RULE}/{@code DELETE_RULE} value. */
  static char code(int jdbcRule) {
    return switch (jdbcRule) {
      case DatabaseMetaData.importedKeyCascade -> 'c';
      case DatabaseMetaData.importedKeySetNull -> 'n';
      case DatabaseMetaData.importedKeySetDefault -> 'd';
      case DatabaseMetaData.importedKeyRestrict -> 'r';
      default -> 'a';
    };
  }

  /** The clause PostgreSQL's {@code pg_get_constraintdef} prints for a letter; empty for NO ACTION. */
  static String clause(char code) {
    return switch (code) {
      case 'c' -> "CASCADE";
      case 'n' -> "SET NULL";
      case 'd' -> "SET DEFAULT";
      case 'r' -> "RESTRICT";
      default -> "";
    };
  }
}
