package io.surrogate.driver.twin;

import java.sql.SQLException;

/** The SQLSTATEs the twin builder raises, each with a message naming the value and what was expected. */
final class TwinErrors {
  static final String INVALID_PARAMETER = "22023";
  static final String CHECK_VIOLATION = "23514";
  static final String INSUFFICIENT_PRIVILEGE = "42501";
  static final String OBJECT_NOT_READY = "55000";
  static final String SYSTEM_ERROR = "58000";

  private TwinErrors() {
  }

  static SQLException invalid(String key, String value, String expected) {
    return new SQLException(key + ": " + value + " (expected: " + expected + ")", INVALID_PARAMETER);
  }

  static SQLException create(String state, String message) {
    return new SQLException(message, state);
  }
}
