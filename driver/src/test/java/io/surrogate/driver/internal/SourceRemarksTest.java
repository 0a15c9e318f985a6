package io.surrogate.driver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Table and column comments of the source reach {@code DatabaseMetaData} REMARKS, for real and synthetic tables. */
class SourceRemarksTest {

  @Test
  void commentsOfTheSourceAreRemarks(@TempDir Path dir) throws Exception {
    String name = "remarks" + UUID.randomUUID().toString().replace("-", "");
    try (Connection source = DriverManager.getConnection("jdbc:h2:mem:" + name); Statement s = source.createStatement()) {
      s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20))");
      s.execute("CREATE TABLE secrets (id INT PRIMARY KEY, v INT)");
      s.execute("COMMENT ON TABLE accounts IS 'one row per account'");
      s.execute("COMMENT ON COLUMN accounts.owner IS 'who holds it'");
      s.execute("COMMENT ON TABLE secrets IS 'served synthetic'");
      Path policy = Files.writeString(dir.resolve("surrogate.yaml"), "tables:\n  accounts: { mode: real }\n",
          StandardCharsets.UTF_8);
      Properties props = new Properties();
      props.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath());
      props.setProperty("policy", policy.toString());
      try (Connection c = DriverManager.getConnection("jdbc:surrogate:h2:mem:" + name, props)) {
        DatabaseMetaData md = c.getMetaData();
        Map<String, String> tables = new HashMap<>();
        try (ResultSet rs = md.getTables(null, null, "%", null)) {
          while (rs.next()) {
            tables.put(rs.getString("TABLE_NAME"), rs.getString("REMARKS"));
          }
        }
        // H2 stores unquoted names in upper case; clients call them by PostgreSQL's folded, lower-case names.
        assertEquals("one row per account", tables.get("accounts"));
        assertEquals("served synthetic", tables.get("secrets"));
        Map<String, String> columns = new HashMap<>();
        try (ResultSet rs = md.getColumns(null, null, "accounts", "%")) {
          while (rs.next()) {
            columns.put(rs.getString("COLUMN_NAME"), rs.getString("REMARKS"));
          }
        }
        assertEquals("who holds it", columns.get("OWNER"));
        assertNull(columns.get("ID"));
        assertEquals(2, columns.size());
      } finally {
        Engines.closeIdle();
      }
    }
  }
}
