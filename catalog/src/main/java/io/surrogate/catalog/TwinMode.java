package io.surrogate.catalog;

import java.util.Locale;

/** Where the proxy serves from, set by the policy's {@code twin:} key. */
public enum TwinMode {
  /** An embedded PostgreSQL under Surrogate's home holds the synthetic twin, and sessions are relayed to it. */
  EMBEDDED,
  /** No twin: statements run on the Calcite engine. */
  NONE;

  /** The mode {@code text} names ({@code embedded} or {@code none}), or null when it names none. */
  static TwinMode parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "embedded" -> EMBEDDED;
      case "none" -> NONE;
      default -> null;
    };
  }
}
