package io.surrogate.driver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Prints the SHA-256 of a query's rows through {@code jdbc:surrogate:}; run in a second JVM to show that
 * the same model and seed give the same rows. Arguments: URL, SQL, then {@code key=value} properties.
 */
public final class RowHashMain {
  private RowHashMain() {
  }

  public static void main(String[] args) throws SQLException {
    Properties props = new Properties();
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      props.setProperty(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    try (Connection c = DriverManager.getConnection(args[0], props)) {
      System.out.println(hash(c, args[1]));
    }
  }

  /** Hex SHA-256 over every value of every row, in order, as strings. */
  static String hash(Connection c, String sql) throws SQLException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long rows = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        rows++;
        for (int i = 1; i <= n; i++) {
          digest.update(String.valueOf(rs.getString(i)).getBytes(StandardCharsets.UTF_8));
          digest.update((byte) 0);
        }
        digest.update((byte) '\n');
      }
    }
    return rows + ":" + HexFormat.of().formatHex(digest.digest());
  }
}
