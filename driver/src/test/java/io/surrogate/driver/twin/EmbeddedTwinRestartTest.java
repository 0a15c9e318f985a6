package io.surrogate.driver.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL 15 twin started, stopped and started again on the same data directory. The home is a JUnit
 * temporary directory (mode 0700), so under a root JVM this also covers the move of the cluster to
 * {@code java.io.tmpdir} when the server user cannot traverse the home.
 */
class EmbeddedTwinRestartTest {
  @TempDir
  Path home;

  @Test
  void restartsOnTheSameDataDirectoryKeepingItsRows() throws Exception {
    TwinConfig config = TwinConfig.builder(home).majorVersion(15).build();
    Path data;
    Path base = null;
    try {
      try (EmbeddedTwin twin = EmbeddedTwin.start(config)) {
        System.out.println("embedded twin " + twin.version() + " cold start (unpack + initdb + start) took "
            + twin.startDuration().toMillis() + " ms");
        data = twin.dataDirectory();
        if (EmbeddedUser.currentUid() == 0) {
          assertFalse(data.startsWith(home), "a home nobody cannot traverse moves the cluster: " + data);
          base = data.getParent().getParent().getParent();
        }
        assertNotEquals(5432, twin.port());
        assertEquals("15", query(twin, "postgres", "SELECT current_setting('server_version_num')::int / 10000"));
        twin.createDatabase("restart_db");
        try (Connection c = twin.admin("restart_db").connect(); Statement s = c.createStatement()) {
          s.execute("CREATE TABLE kept (v text)");
          s.execute("INSERT INTO kept VALUES ('still here')");
        }
      }
      assertFalse(Files.exists(data.resolve("postmaster.pid")), "a clean shutdown removes postmaster.pid");
      try (EmbeddedTwin twin = EmbeddedTwin.start(config)) {
        System.out.println("embedded twin " + twin.version() + " warm start (existing data directory) took "
            + twin.startDuration().toMillis() + " ms");
        assertTrue(twin.startDuration().compareTo(Duration.ofSeconds(60)) < 0);
        assertEquals(data, twin.dataDirectory());
        assertEquals("still here", query(twin, "restart_db", "SELECT v FROM kept"));
        twin.close();
        assertFalse(twin.isRunning());
        twin.close();
      }
    } finally {
      if (base != null) {
        EmbeddedBinaries.deleteTree(base);
      }
    }
  }

  private static String query(EmbeddedTwin twin, String db, String sql) throws SQLException {
    try (Connection c = twin.client(db).connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
