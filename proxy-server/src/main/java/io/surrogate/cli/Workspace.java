package io.surrogate.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.surrogate.catalog.Catalog;
import io.surrogate.catalog.Catalogs;
import io.surrogate.catalog.Policy;
import io.surrogate.catalog.PolicyException;
import io.surrogate.catalog.SourceIds;
import io.surrogate.catalog.TableMode;
import io.surrogate.catalog.TwinMode;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a command works on, resolved once from its options: the policy, a pooled source, the source's
 * identity and the catalog. Closing it closes the pool and the catalog.
 */
final class Workspace implements AutoCloseable {
  private static final String TWIN_TABLES = """
      SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition""";

  final Policy policy;
  final String sourceUrl;
  final String sourceId;
  final String schema;
  final HikariDataSource source;
  final Catalog catalog;
  final String catalogUrl;

  private Workspace(Policy unbound, String sourceUrl, String user, String password, String schema,
      String catalogUrl) throws SQLException {
    this.sourceUrl = sourceUrl;
    this.sourceId = SourceIds.of(sourceUrl);
    this.schema = schema;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(sourceUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    config.setPoolName("surrogate-cli-source");
    config.setReadOnly(true);
    this.source = new HikariDataSource(config);
    this.catalogUrl = catalogUrl;
    try (Connection c = source.getConnection()) {
      // Every entry must name exactly one source table before anything is trained, listed or served.
      this.policy = unbound.bind(c, schema);
      this.catalog = Catalogs.open(catalogUrl, null, null);
    } catch (SQLException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  /** Resolves options against the policy; the source URL must come from one of them. */
  static Workspace open(SourceOptions options) throws SQLException, PolicyException {
    SourceOptions.Resolved r = options.resolve();
    String catalogUrl = options.catalog != null ? options.catalog : Catalogs.defaultUrl();
    return new Workspace(r.policy(), r.url(), r.user(), r.password(), r.schema(), catalogUrl);
  }

  /**
   * Names of the tables served, as the source spells them, sorted. Served from a twin, they are the source's tables
   * and partitioned tables (a partition is loaded through its parent, and views are computed by the twin over the
   * served tables); served by the Calcite engine, its tables and views.
   */
  List<String> sourceTables() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = source.getConnection()) {
      String schemaPattern = schema != null ? schema : defaultSchema(c);
      if (policy.twinMode(sourceUrl) != TwinMode.NONE && sourceUrl.startsWith("jdbc:postgresql:")) {
        try (PreparedStatement ps = c.prepareStatement(TWIN_TABLES)) {
          ps.setString(1, schemaPattern);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              names.add(rs.getString(1));
            }
          }
        }
      } else {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, schemaPattern, "%", new String[] {"TABLE", "VIEW", "BASE TABLE"})) {
          while (rs.next()) {
            names.add(rs.getString("TABLE_NAME"));
          }
        }
      }
    }
    names.sort(String.CASE_INSENSITIVE_ORDER);
    return names;
  }

  /** The synthetic tables among {@link #sourceTables()}. */
  List<String> syntheticTables() throws SQLException {
    List<String> out = new ArrayList<>();
    for (String t : sourceTables()) {
      if (policy.forTable(t).mode() == TableMode.SYNTHETIC) {
        out.add(t);
      }
    }
    return out;
  }

  private static String defaultSchema(Connection c) throws SQLException {
    String s = c.getSchema();
    return s == null ? null : s;
  }

  @Override
  public void close() throws SQLException {
    try {
      catalog.close();
    } finally {
      source.close();
    }
  }
}
