package io.surrogate.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Catalog} over any JDBC database (tested on H2 and PostgreSQL).
 *
 * <p>A training commits in one transaction that first locks the table's row in {@code catalog_tables}
 * ({@code SELECT ... FOR UPDATE}), so concurrent trainings of one table are serialized and the budget
 * check sees every earlier commit; any failure rolls back, leaving the previous model serving.
 */
final class JdbcCatalog implements Catalog {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcCatalog.class);
  private static final String MODEL_COLUMNS =
      "m.source, m.table_name, m.version, m.generator, m.fingerprint, m.seed, m.row_count, m.epsilon, m.delta, "
          + "m.created_at, m.model_bytes, m.relation_bytes";

  private final DataSource dataSource;
  private final AutoCloseable onClose;

  JdbcCatalog(DataSource dataSource, AutoCloseable onClose) throws SQLException {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.onClose = onClose;
    CatalogSchema.ensure(dataSource);
  }

  @Override
  public Optional<StoredModel> latestModel(String source, String table) throws SQLException {
    String sql = "SELECT " + MODEL_COLUMNS + " FROM models m JOIN catalog_tables t ON m.source = t.source"
        + " AND m.table_key = t.table_key AND m.version = t.latest_version WHERE t.source = ? AND t.table_key = ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, source);
      ps.setString(2, key(table));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(model(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public List<StoredModel> latestModels(String source) throws SQLException {
    String sql = "SELECT " + MODEL_COLUMNS + " FROM models m JOIN catalog_tables t ON m.source = t.source"
        + " AND m.table_key = t.table_key AND m.version = t.latest_version WHERE t.source = ? ORDER BY m.table_key";
    List<StoredModel> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, source);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(model(rs));
        }
      }
    }
    return out;
  }

  @Override
  public List<LedgerEntry> ledger(String source, String table) throws SQLException {
    String sql = "SELECT source, table_name, model_version, epsilon, delta, rho, unit, releases, recorded_at"
        + " FROM ledger WHERE source = ? AND table_key = ? ORDER BY entry_no";
    List<LedgerEntry> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, source);
      ps.setString(2, key(table));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double rho = rs.getDouble(6);
          if (rs.wasNull()) {
            rho = Double.NaN;
          }
          String releases = rs.getString(8);
          List<String> lines = releases.isEmpty() ? List.of() : Arrays.asList(releases.split("\n", -1));
          out.add(new LedgerEntry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getDouble(4), rs.getDouble(5),
              rho, rs.getString(7), lines, instant(rs.getObject(9, LocalDateTime.class))));
        }
      }
    }
    return out;
  }

  @Override
  public double spentEpsilon(String source, String table) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return spent(c, source, key(table));
    }
  }

  private static double spent(Connection c, String source, String tableKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COALESCE(SUM(epsilon), 0) FROM ledger WHERE source = ? AND table_key = ?")) {
      ps.setString(1, source);
      ps.setString(2, tableKey);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getDouble(1);
      }
    }
  }

  @Override
  public StoredModel commitTraining(StoredModel model, LedgerEntry ledger, double budget) throws SQLException {
    validate(model, ledger, budget);
    String tableKey = key(model.table());
    Instant at = model.createdAt() == null ? Instant.now() : model.createdAt();
    at = at.truncatedTo(ChronoUnit.MICROS);
    try (Connection c = dataSource.getConnection()) {
      ensureTableRow(c, model.source(), tableKey);
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        int latest = lockTable(c, model.source(), tableKey);
        double spent = spent(c, model.source(), tableKey);
        if (!Budgets.fits(spent, ledger.epsilon(), budget)) {
          throw Budgets.exhausted(model.table(), ledger.epsilon(), spent, budget);
        }
        int version = latest + 1;
        StoredModel stored = new StoredModel(model.source(), model.table(), version, model.generator(),
            model.fingerprint(), model.seed(), model.rows(), model.epsilon(), model.delta(), at, model.bytes(),
            model.relations());
        insertModel(c, tableKey, stored);
        insertLedger(c, tableKey, nextEntry(c, model.source(), tableKey), version, ledger, at);
        updateLatest(c, model.source(), tableKey, version);
        c.commit();
        LOG.info("catalog: stored {} version {} ({}, epsilon {})", model.table(), version, model.generator(),
            Budgets.format(ledger.epsilon()));
        return stored;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }

  private static void validate(StoredModel model, LedgerEntry ledger, double budget) throws SQLException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(ledger, "ledger");
    if (!model.source().equals(ledger.source()) || !model.table().equalsIgnoreCase(ledger.table())) {
      throw SqlState.INVALID_PARAMETER_VALUE.create("ledger entry for " + ledger.table()
          + " does not match model of " + model.table() + " (expected: same source and table)");
    }
    if (!(ledger.epsilon() >= 0)) {
      throw SqlState.INVALID_PARAMETER_VALUE.create("epsilon: " + ledger.epsilon() + " (expected: >= 0)");
    }
    if (!(budget > 0)) {
      throw SqlState.INVALID_PARAMETER_VALUE.create("budget: " + budget + " (expected: > 0)");
    }
    if (model.bytes() == null) {
      throw SqlState.INVALID_PARAMETER_VALUE.create("model of " + model.table() + " has no bytes");
    }
    if (model.source().length() > CatalogSchema.MAX_SOURCE || model.table().length() > CatalogSchema.MAX_TABLE) {
      throw SqlState.STRING_DATA_RIGHT_TRUNCATION.create("source id or table name too long (expected: <= "
          + CatalogSchema.MAX_SOURCE + " and <= " + CatalogSchema.MAX_TABLE + " characters)");
    }
  }

  /** Makes sure the lock row exists; a concurrent creator winning the race is fine. */
  private static void ensureTableRow(Connection c, String source, String tableKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM catalog_tables WHERE source = ? AND table_key = ?")) {
      ps.setString(1, source);
      ps.setString(2, tableKey);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO catalog_tables (source, table_key, latest_version) VALUES (?, ?, 0)")) {
      ps.setString(1, source);
      ps.setString(2, tableKey);
      ps.executeUpdate();
    } catch (SQLException e) {
      if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
        throw e;
      }
    }
  }

  private static int lockTable(Connection c, String source, String tableKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT latest_version FROM catalog_tables WHERE source = ? AND table_key = ? FOR UPDATE")) {
      ps.setString(1, source);
      ps.setString(2, tableKey);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw SqlState.INTERNAL_ERROR.create("catalog row of table " + tableKey + " vanished during commit");
        }
        return rs.getInt(1);
      }
    }
  }

  private static int nextEntry(Connection c, String source, String tableKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COALESCE(MAX(entry_no), 0) FROM ledger WHERE source = ? AND table_key = ?")) {
      ps.setString(1, source);
      ps.setString(2, tableKey);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1) + 1;
      }
    }
  }

  private static void insertModel(Connection c, String tableKey, StoredModel m) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO models (source, table_key, table_name, version,"
        + " generator, fingerprint, seed, row_count, epsilon, delta, created_at, model_bytes, relation_bytes)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, m.source());
      ps.setString(2, tableKey);
      ps.setString(3, m.table());
      ps.setInt(4, m.version());
      ps.setString(5, m.generator());
      ps.setString(6, m.fingerprint());
      ps.setLong(7, m.seed());
      ps.setLong(8, m.rows());
      ps.setDouble(9, m.epsilon());
      ps.setDouble(10, m.delta());
      ps.setObject(11, utc(m.createdAt()));
      ps.setBytes(12, m.bytes());
      ps.setBytes(13, m.relations());
      ps.executeUpdate();
    }
  }

  private static void insertLedger(Connection c, String tableKey, int entryNo, int version, LedgerEntry e,
      Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger (source, table_key, entry_no, table_name,"
        + " model_version, epsilon, delta, rho, unit, releases, recorded_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, e.source());
      ps.setString(2, tableKey);
      ps.setInt(3, entryNo);
      ps.setString(4, e.table());
      ps.setInt(5, version);
      ps.setDouble(6, e.epsilon());
      ps.setDouble(7, e.delta());
      if (Double.isNaN(e.rho())) {
        ps.setNull(8, java.sql.Types.DOUBLE);
      } else {
        ps.setDouble(8, e.rho());
      }
      ps.setString(9, e.unit());
      List<String> lines = new ArrayList<>();
      for (String line : e.releases()) {
        lines.add(line.replace('\n', ' ').replace('\r', ' '));
      }
      ps.setString(10, String.join("\n", lines));
      ps.setObject(11, utc(at));
      ps.executeUpdate();
    }
  }

  private static void updateLatest(Connection c, String source, String tableKey, int version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE catalog_tables SET latest_version = ? WHERE source = ? AND table_key = ?")) {
      ps.setInt(1, version);
      ps.setString(2, source);
      ps.setString(3, tableKey);
      ps.executeUpdate();
    }
  }

  private static void rollbackQuietly(Connection c, Throwable failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static StoredModel model(ResultSet rs) throws SQLException {
    return new StoredModel(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
        rs.getLong(6), rs.getLong(7), rs.getDouble(8), rs.getDouble(9), instant(rs.getObject(10, LocalDateTime.class)),
        rs.getBytes(11), rs.getBytes(12));
  }

  // Timestamps travel as UTC wall-clock values so that no driver or server time zone shifts them.
  private static LocalDateTime utc(Instant at) {
    return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static Instant instant(LocalDateTime utc) {
    return utc.toInstant(ZoneOffset.UTC);
  }

  static String key(String table) {
    return table.toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() throws SQLException {
    if (onClose == null) {
      return;
    }
    try {
      onClose.close();
    } catch (SQLException e) {
      throw e;
    } catch (Exception e) {
      throw SqlState.INTERNAL_ERROR.create("closing the catalog failed: " + e, e);
    }
  }
}
