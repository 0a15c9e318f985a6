package io.surrogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog contract on embedded H2 files, plus persistence, schema versioning and the default URL. */
class H2CatalogTest extends CatalogContractTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  @TempDir
  Path dir;

  @Override
  DataSource freshDatabase() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("catalog" + COUNTER.incrementAndGet()).toAbsolutePath());
    return ds;
  }

  @Test
  void modelsSurviveReopeningTheFile() throws SQLException {
    String url = "jdbc:h2:file:" + dir.resolve("persist").toAbsolutePath();
    try (Catalog c = Catalogs.open(url, "sa", "")) {
      c.commitTraining(model("t", 1.0, "kept"), entry("t", 1.0), 10);
    }
    try (Catalog c = Catalogs.open(url, "sa", "")) {
      assertEquals("kept", content(c.latestModel(SRC, "t").orElseThrow()));
      assertEquals(1.0, c.spentEpsilon(SRC, "t"));
    }
  }

  @Test
  void aNewerCatalogSchemaIsRefused() throws SQLException {
    String url = "jdbc:h2:file:" + dir.resolve("newer").toAbsolutePath();
    Catalogs.open(url, "sa", "").close();
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE catalog_version SET version = 99");
    }
    SQLException e = assertThrows(SQLException.class, () -> Catalogs.open(url, "sa", ""));
    assertEquals("55000", e.getSQLState());
    assertTrue(e.getMessage().contains("catalog schema version 99 is newer"), e.getMessage());
  }

  @Test
  void anUnreachableCatalogFailsWithAConnectionSqlstate() {
    SQLException e = assertThrows(SQLException.class,
        () -> Catalogs.open("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "u", "secretpw"));
    assertEquals("08001", e.getSQLState());
    assertTrue(!e.getMessage().contains("secretpw"));
  }

  @Test
  void defaultUrlFollowsTheHomeProperty() {
    String before = System.getProperty(Catalogs.HOME_PROPERTY);
    try {
      System.setProperty(Catalogs.HOME_PROPERTY, dir.toString());
      String url = Catalogs.defaultUrl();
      assertEquals("jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath() + ";AUTO_SERVER=TRUE", url);
    } finally {
      if (before == null) {
        System.clearProperty(Catalogs.HOME_PROPERTY);
      } else {
        System.setProperty(Catalogs.HOME_PROPERTY, before);
      }
    }
  }

  @Test
  void theDefaultUrlOpens() throws SQLException {
    String before = System.getProperty(Catalogs.HOME_PROPERTY);
    try {
      System.setProperty(Catalogs.HOME_PROPERTY, dir.resolve("home").toString());
      try (Catalog c = Catalogs.open(Catalogs.defaultUrl(), null, null)) {
        c.commitTraining(model("t", 1.0, "x"), entry("t", 1.0), 10);
        assertEquals(1, c.latestModel(SRC, "t").orElseThrow().version());
      }
    } finally {
      if (before == null) {
        System.clearProperty(Catalogs.HOME_PROPERTY);
      } else {
        System.setProperty(Catalogs.HOME_PROPERTY, before);
      }
    }
  }
}
