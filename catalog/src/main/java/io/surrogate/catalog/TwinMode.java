package io.surrogate.catalog;

import java.util.Locale;

/** Where the proxy serves from, set by the policy's {@code twin:} key. */
public enum TwinMode {
  /** An embedded PostgreSQL under Surrogate's home holds the synthetic twin, and sessions are relayed to it. */
  EMBEDDED,
  /** No twin: statements run on the Calcite engine. */
  NONE,
  /** A PostgreSQL server the user provides holds the twin (named by its JDBC URL). */
  SERVER;

  /** Without a {@code twin:} key: a PostgreSQL source is served from an embedded twin, any other by Calcite. */
  public static TwinMode defaultFor(String sourceUrl) {
    return sourceUrl != null && sourceUrl.startsWith("jdbc:postgresql:") ? EMBEDDED : NONE;
  }

  /** The mode {@code text} names ({@code embedded}, {@code none} or a {@code jdbc:postgresql:} URL), else null. */
  public static TwinMode parse(String text) {
    String t = text.strip();
    if (t.startsWith("jdbc:postgresql://")) {
      return SERVER;
    }
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "embedded" -> EMBEDDED;
      case "none" -> NONE;
      default -> null;
    };
  }
}
