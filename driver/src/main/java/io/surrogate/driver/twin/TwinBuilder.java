package io.surrogate.driver.twin;

import io.surrogate.catalog.TableMode;
import io.surrogate.catalog.SourceTable;
import io.surrogate.catalog.TablePolicy;
import io.surrogate.driver.internal.DriverConfig;
import io.surrogate.driver.internal.TwinRows;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the synthetic twin of a source: its schema through {@code pg_dump --schema-only} for a PostgreSQL source, or
 * a PostgreSQL translation of its JDBC metadata for another (pre-data before the load, post-data after it, so
 * constraints are checked against the loaded rows and triggers do not fire), the synthetic rows the Calcite engine
 * serves in sensitive tables, the source's rows in public ones.
 * Everything is built in a fresh database that replaces the twin only once all of it succeeded.
 */
public final class TwinBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(TwinBuilder.class);
  private static final String TABLES = """
      SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname""";

  private final PgTools tools;
  private final int workers;

  /**
   * @param toolsDir directory of {@code pg_dump} and {@code psql}, or null to take them from the PATH
   * @param workers connections loading rows in parallel (1..64)
   */
  public TwinBuilder(Path toolsDir, int workers) {
    if (workers < 1 || workers > 64) {
      throw new IllegalArgumentException("workers: " + workers + " (expected: 1..64)");
    }
    this.tools = new PgTools(toolsDir);
    this.workers = workers;
  }

  /**
   * The model version each sensitive table of {@code source} serves now (training first where the policy says
   * {@code train: auto}), by table name: a twin built from other versions is out of date.
   */
  public static Map<String, Integer> currentVersions(DriverConfig source, java.util.Collection<String> tables)
      throws SQLException {
    Map<String, Integer> out = new LinkedHashMap<>();
    try (TwinRows rows = TwinRows.open(source)) {
      // the engine trusts a looked-up version for a moment; a check must see a training that just committed
      rows.forgetVersions();
      for (String table : tables) {
        out.put(table, rows.model(table).version());
      }
    }
    return out;
  }

  /**
   * Builds the twin of the source {@code source} configures (its policy, catalog, seed and partition size decide
   * the rows, as for {@code jdbc:surrogate:}) into {@code target}, replacing what was there only on success.
   */
  public TwinReport build(DriverConfig source, TwinTarget target) throws SQLException {
    Objects.requireNonNull(source, "source");
    long start = System.nanoTime();
    boolean postgres = source.sourceUrl().startsWith("jdbc:postgresql:");
    PgEndpoint from = postgres ? PgEndpoint.parse(source.sourceUrl(), source.user(), source.password()) : null;
    PgEndpoint admin = target.admin();
    String pre = null;
    String post = null;
    if (postgres) {
      checkVersions(from);
      pre = tools.dumpSection(from, "pre-data");
      post = tools.dumpSection(from, "post-data");
    }
    String building = target.database() + "_b" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    PgEndpoint twin = admin.withDatabase(building);
    execute(admin, "CREATE DATABASE " + Identifiers.quote(building) + " TEMPLATE template0");
    try (TwinRows rows = TwinRows.open(source); Connection sourceConnection = connectSource(source, from)) {
      TranslatedSchema translated = postgres ? null : TranslatedSchema.read(sourceConnection, rows.schemaName());
      if (postgres) {
        tools.apply(twin, pre);
      } else {
        try (Connection t = twin.connect()) {
          translated.applyPreData(t);
        }
      }
      long loadStart = System.nanoTime();
      ContentLoad load;
      try (Connection t = twin.connect()) {
        load = plan(rows, translated, sourceConnection, t);
        load.run(workers, twin::connect);
        for (SyntheticCopy copy : load.syntheticCopies()) {
          copy.fillExpressions(t);
        }
      }
      Duration content = Duration.ofNanos(System.nanoTime() - loadStart);
      applyPostData(twin, post, translated);
      try (Connection t = twin.connect()) {
        Sequences.continueAfterRows(t);
        refreshMaterializedViews(t);
      }
      Swap.replace(admin, building, target.database());
      Duration total = Duration.ofNanos(System.nanoTime() - start);
      LOG.info("twin {} built in {} ms (rows in {} ms)", target.database(), total.toMillis(), content.toMillis());
      return new TwinReport(target.database(), load.syntheticRows(), load.copiedRows(), total, content,
          load.modelVersions());
    } catch (SQLException | RuntimeException e) {
      Swap.dropQuietly(admin, building);
      throw e;
    }
  }

  private static Connection connectSource(DriverConfig source, PgEndpoint postgres) throws SQLException {
    if (postgres != null) {
      return postgres.connect();
    }
    Properties p = new Properties();
    if (source.user() != null) {
      p.setProperty("user", source.user());
    }
    if (source.password() != null) {
      p.setProperty("password", source.password());
    }
    return DriverManager.getConnection(source.sourceUrl(), p);
  }

  /** The load of every table the twin holds; {@code translated} is null for a PostgreSQL source. */
  private ContentLoad plan(TwinRows rows, TranslatedSchema translated, Connection source, Connection twin)
      throws SQLException {
    String schema = translated == null ? rows.schemaName() : translated.schema();
    Map<String, TranslatedSchema.Table> bySourceTable = new LinkedHashMap<>();
    if (translated != null) {
      translated.tables().forEach(t -> bySourceTable.put(t.twinName(), t));
    }
    ContentLoad load = new ContentLoad();
    try (PreparedStatement ps = twin.prepareStatement(TABLES)) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        Map<String, Boolean> tables = new LinkedHashMap<>();
        while (rs.next()) {
          tables.put(rs.getString(1), "p".equals(rs.getString(2)));
        }
        for (Map.Entry<String, Boolean> table : tables.entrySet()) {
          TablePolicy policy = rows.policy().forTable(table.getKey());
          String qualified = Identifiers.quote(schema) + "." + Identifiers.quote(table.getKey());
          if (policy.mode() != TableMode.REAL) {
            load.synthetic(SyntheticCopy.of(twin, schema, table.getKey(), rows.model(table.getKey()), policy));
          } else if (translated == null) {
            load.real(qualified, table.getValue(), source);
          } else {
            TranslatedSchema.Table t = bySourceTable.get(table.getKey());
            load.realRows(qualified, TwinColumn.read(twin, schema, table.getKey()), select(source, rows, t), source);
          }
        }
      }
    }
    return load;
  }

  /** The source query of a translated public table's columns, in the twin's column order. */
  private static String select(Connection source, TwinRows rows, TranslatedSchema.Table table) throws SQLException {
    String q = source.getMetaData().getIdentifierQuoteString();
    q = q == null || q.isBlank() ? "" : q.trim();
    List<String> columns = new ArrayList<>();
    for (String c : table.sourceColumns()) {
      columns.add(SourceTable.quote(c, q));
    }
    String schema = rows.schemaName();
    return "SELECT " + String.join(", ", columns) + " FROM " + new SourceTable(null, schema, table.sourceName())
        .qualified(source.getMetaData());
  }

  private void checkVersions(PgEndpoint source) throws SQLException {
    int server;
    try (Connection c = source.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW server_version_num")) {
      rs.next();
      server = Integer.parseInt(rs.getString(1)) / 10000;
    }
    int dump = tools.pgDumpMajor();
    if (dump < server) {
      throw TwinErrors.create(TwinErrors.OBJECT_NOT_READY, "pg_dump " + dump + " cannot read the schema of the"
          + " PostgreSQL " + server + " source (expected: pg_dump " + server + " or newer; set the tools directory)");
    }
  }

  /** Indexes, keys, constraints and triggers; a violation by synthetic rows names what to change. */
  private void applyPostData(PgEndpoint twin, String post, TranslatedSchema translated) throws SQLException {
    String detail;
    try {
      if (translated == null) {
        tools.apply(twin, post);
      } else {
        try (Connection t = twin.connect()) {
          translated.applyPostData(t);
        }
      }
      return;
    } catch (PgTools.ToolFailure e) {
      detail = e.detail();
    } catch (SQLException e) {
      if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
        throw e;
      }
      detail = e.getMessage();
    }
    throw TwinErrors.create(TwinErrors.CHECK_VIOLATION, "the synthetic rows break a constraint of the source's"
        + " schema, so the twin was not replaced: " + detail + " (change the table's policy: bounds, domain,"
        + " rows or parent, or train it again)");
  }

  private static void refreshMaterializedViews(Connection twin) throws SQLException {
    List<String> views = new ArrayList<>();
    try (Statement s = twin.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT quote_ident(schemaname) || '.' || quote_ident(matviewname) FROM pg_matviews ORDER BY 1")) {
      while (rs.next()) {
        views.add(rs.getString(1));
      }
    }
    try (Statement s = twin.createStatement()) {
      for (String v : views) {
        s.execute("REFRESH MATERIALIZED VIEW " + v);
      }
    }
  }

  private static void execute(PgEndpoint endpoint, String sql) throws SQLException {
    try (Connection c = endpoint.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
