package io.surrogate.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Throwaway databases on the local PostgreSQL (127.0.0.1:5432, user postgres, trust): one per test class, named
 * with a random suffix, dropped afterwards; a class that needs one is skipped, saying why, when the server is
 * unreachable.
 */
public final class LocalPostgres {
  /** An existing database to run CREATE and DROP DATABASE from. */
  public static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/test";

  private LocalPostgres() {
  }

  /** Login properties: user postgres, no password. */
  public static Properties props() {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    return p;
  }

  /** A random database name starting with {@code prefix}. */
  public static String name(String prefix) {
    return prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL).toLowerCase(Locale.ROOT);
  }

  /** {@code jdbc:postgresql://127.0.0.1:5432/<database>}. */
  public static String url(String database) {
    return "jdbc:postgresql://127.0.0.1:5432/" + database;
  }

  /** Creates {@code database}, or aborts the calling test class when PostgreSQL is unreachable. */
  public static void createOrSkip(String database) throws SQLException {
    Connection reached = null;
    try {
      reached = DriverManager.getConnection(ADMIN, props());
    } catch (SQLException e) {
      assumeTrue(false, "PostgreSQL at " + ADMIN + " is not reachable: " + e.getMessage());
    }
    try (Connection admin = reached; Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
  }

  /** Drops {@code database} if it exists, ending its sessions. */
  public static void drop(String database) throws SQLException {
    try (Connection admin = DriverManager.getConnection(ADMIN, props()); Statement s = admin.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }
}
