package io.surrogate.driver.twin;

/** PostgreSQL identifier quoting. */
final class Identifiers {
  private Identifiers() {
  }

  /** {@code name} as a quoted identifier, embedded quotes doubled. */
  static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
