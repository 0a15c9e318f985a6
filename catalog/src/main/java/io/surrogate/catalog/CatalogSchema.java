package io.surrogate.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates the catalog tables when missing and checks their version, so that a newer catalog is never
 * silently written by an older Surrogate.
 *
 * <p>Tables: {@code catalog_version} (one row), {@code catalog_tables} (one row per trained table, the
 * row that serializes its trainings), {@code models} and {@code ledger}. Timestamps are UTC.
 */
final class CatalogSchema {
  /** Version of the table layout this code reads and writes. */
  static final int VERSION = 2;
  static final int MAX_SOURCE = 512;
  static final int MAX_TABLE = 255;
  static final int MAX_UNIT = 128;

  private CatalogSchema() {
  }

  static CatalogDialect ensure(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      CatalogDialect dialect = CatalogDialect.of(c.getMetaData().getDatabaseProductName());
      try {
        create(c, dialect);
      } catch (SQLException first) {
        // Two processes creating the schema at once may collide on the system catalog; the second try sees
        // the tables.
        create(c, dialect);
      }
      checkVersion(c);
      return dialect;
    }
  }

  private static void create(Connection c, CatalogDialect d) throws SQLException {
    List<String> ddl = List.of(
        "CREATE TABLE IF NOT EXISTS catalog_version (version INT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS catalog_tables ("
            + "source VARCHAR(" + MAX_SOURCE + ") NOT NULL, table_key VARCHAR(" + MAX_TABLE + ") NOT NULL, "
            + "latest_version INT NOT NULL, PRIMARY KEY (source, table_key))",
        "CREATE TABLE IF NOT EXISTS models ("
            + "source VARCHAR(" + MAX_SOURCE + ") NOT NULL, table_key VARCHAR(" + MAX_TABLE + ") NOT NULL, "
            + "table_name VARCHAR(" + MAX_TABLE + ") NOT NULL, version INT NOT NULL, "
            + "generator VARCHAR(64) NOT NULL, fingerprint VARCHAR(128) NOT NULL, seed BIGINT NOT NULL, "
            + "row_count BIGINT NOT NULL, epsilon DOUBLE PRECISION NOT NULL, delta DOUBLE PRECISION NOT NULL, "
            + "created_at " + d.timestamp + " NOT NULL, model_bytes " + d.bytes + " NOT NULL, "
            + "relation_bytes " + d.bytes + ", PRIMARY KEY (source, table_key, version))",
        // Version 2 added the foreign-key links of multi-table synthesis; a version 1 catalog gains the column.
        "ALTER TABLE models ADD COLUMN IF NOT EXISTS relation_bytes " + d.bytes,
        "CREATE TABLE IF NOT EXISTS ledger ("
            + "source VARCHAR(" + MAX_SOURCE + ") NOT NULL, table_key VARCHAR(" + MAX_TABLE + ") NOT NULL, "
            + "entry_no INT NOT NULL, table_name VARCHAR(" + MAX_TABLE + ") NOT NULL, model_version INT NOT NULL, "
            + "epsilon DOUBLE PRECISION NOT NULL, delta DOUBLE PRECISION NOT NULL, rho DOUBLE PRECISION, "
            + "unit VARCHAR(" + MAX_UNIT + ") NOT NULL, releases " + d.text + " NOT NULL, "
            + "recorded_at " + d.timestamp + " NOT NULL, PRIMARY KEY (source, table_key, entry_no))");
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      for (String sql : ddl) {
        s.execute(sql);
      }
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static void checkVersion(Connection c) throws SQLException {
    Integer version = null;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(version) FROM catalog_version")) {
      if (rs.next()) {
        int v = rs.getInt(1);
        version = rs.wasNull() ? null : v;
      }
    }
    if (version == null) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO catalog_version (version) VALUES (" + VERSION + ")");
      }
      return;
    }
    if (version > VERSION) {
      throw SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE.create("catalog schema version " + version
          + " is newer than this Surrogate supports (expected: <= " + VERSION + "); upgrade Surrogate");
    }
    if (version < VERSION) {
      // create() has already added what the newer layout needs; record it so older code refuses this catalog.
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE catalog_version SET version = " + VERSION);
      }
    }
  }
}
