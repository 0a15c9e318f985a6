package io.surrogate.driver.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.surrogate.catalog.Catalog;
import io.surrogate.catalog.Catalogs;
import io.surrogate.catalog.Policy;
import io.surrogate.catalog.Secrets;
import io.surrogate.catalog.SourceIds;
import io.surrogate.catalog.SqlState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ForkJoinPool;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactoryImpl;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything connections to one (source, policy, catalog) share: the source pool, the catalog, the
 * Calcite view of the source schema, served models, the partition cache and the plan cache. Created and
 * reference-counted by {@link Engines}.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final DriverConfig.EngineKey key;
  private final Policy policy;
  private final String sourceId;
  private final HikariDataSource pool;
  private final Catalog catalog;
  private final String catalogName;
  private final String schemaName;
  private final String metadataSchema;
  private final SourceSchema sourceSchema;
  private final ServingModels models;
  private final PartitionCache partitions;
  private final PlanCache plans = new PlanCache();
  private volatile SourceRemarks remarks;
  private final java.util.concurrent.atomic.LongAdder directExecutions = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder syntheticScans = new java.util.concurrent.atomic.LongAdder();
  private final StatementGuard guard = new StatementGuard(this);
  private final Cache<String, RowConverter> converters = Caffeine.newBuilder().maximumSize(10_000).build();
  private final Driver calcite;
  private final SqlParser.Config parserConfig;
  int references;

  private Engine(DriverConfig config, Policy policy, HikariDataSource pool, Catalog catalog) throws SQLException {
    this.key = config.engineKey();
    this.sourceId = SourceIds.of(config.sourceUrl());
    this.pool = pool;
    this.catalog = catalog;
    String[] location = SourceLocation.resolve(pool, config.schema());
    this.catalogName = location[0];
    this.schemaName = location[1];
    this.metadataSchema = location[2];
    this.policy = bind(policy, pool, metadataSchema);
    SqlDialect dialect = JdbcSchema.createDialect(SqlDialectFactoryImpl.INSTANCE, pool);
    SchemaPlus anyRoot = CalciteSchema.createRootSchema(false).plus();
    JdbcConvention convention = JdbcConvention.of(dialect,
        Schemas.subSchemaExpression(anyRoot, schemaName, JdbcSchema.class), schemaName);
    this.sourceSchema = new SourceSchema(this, pool, convention, catalogName, location[2]);
    this.models = new ServingModels(catalog, this.policy, sourceId, pool, location[2], config.seed(),
        config.partitionSize());
    this.partitions = new PartitionCache(config.cacheBytes(), ForkJoinPool.commonPool());
    this.calcite = new Driver().withPrepareFactory(() -> new CachingPrepare(this));
    this.parserConfig = SqlParser.config()
        .withParserFactory(SqlBabelParserImpl.FACTORY)
        .withConformance(SqlConformanceEnum.BABEL)
        .withUnquotedCasing(Casing.TO_LOWER)
        .withQuotedCasing(Casing.UNCHANGED)
        .withCaseSensitive(false);
  }

  /** Resolves every policy entry to one source table (42P01 when one names none or several). */
  private static Policy bind(Policy policy, HikariDataSource pool, String schema) throws SQLException {
    try (Connection c = pool.getConnection()) {
      return policy.bind(c, schema);
    }
  }

  /** Opens the pool and catalog of {@code config}; 08001 when either cannot be reached. */
  static Engine open(DriverConfig config, Policy policy) throws SQLException {
    HikariDataSource pool = pool(config);
    Catalog catalog = null;
    try {
      catalog = Catalogs.open(config.catalogUrl(), config.catalogUser(), config.catalogPassword());
      Engine engine = new Engine(config, policy, pool, catalog);
      LOG.info("engine for {} ready (schema {})", engine.sourceId, engine.schemaName);
      return engine;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(catalog);
      pool.close();
      throw e;
    }
  }

  private static HikariDataSource pool(DriverConfig config) throws SQLException {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(config.sourceUrl());
    hc.setUsername(config.user());
    hc.setPassword(config.password());
    hc.setMaximumPoolSize(config.poolSize());
    hc.setMinimumIdle(Math.min(1, config.poolSize()));
    hc.setPoolName("surrogate-source");
    hc.setInitializationFailTimeout(1);
    hc.setConnectionTimeout(10_000);
    try {
      return new HikariDataSource(hc);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw SqlState.CONNECTION_FAILED.create("source " + SourceIds.of(config.sourceUrl())
          + ": cannot connect (" + Secrets.mask(cause.getMessage()) + ")", cause);
    }
  }

  /** A new Calcite connection over this engine's schema with Surrogate's SQL surface. */
  CalciteConnection openCalcite() throws SQLException {
    Properties props = new Properties();
    props.setProperty("parserFactory", SqlBabelParserImpl.class.getName() + "#FACTORY");
    props.setProperty("conformance", SqlConformanceEnum.BABEL.name());
    props.setProperty("fun", "standard,postgresql");
    props.setProperty("caseSensitive", "false");
    props.setProperty("typeSystem", PostgresTypeSystem.class.getName() + "#INSTANCE");
    props.setProperty("unquotedCasing", Casing.TO_LOWER.name());
    props.setProperty("quotedCasing", Casing.UNCHANGED.name());
    props.setProperty("defaultNullCollation", "HIGH");
    Connection c = calcite.connect("jdbc:calcite:", props);
    CalciteConnection cc = c.unwrap(CalciteConnection.class);
    cc.getRootSchema().add(schemaName, sourceSchema);
    cc.setSchema(schemaName);
    return cc;
  }

  RowConverter converter(ServingModel model, RelDataType rowType) {
    return converters.get(model.table() + "\u0000" + model.version(),
        k -> new RowConverter(model.model().spec(), rowType));
  }

  /** Re-reads the source's table list and the catalog's model versions; clears plans. */
  public void refresh() {
    remarks = null;
    sourceSchema.refresh();
    models.invalidateAll();
    plans.clear();
  }

  DriverConfig.EngineKey key() {
    return key;
  }

  public Policy policy() {
    return policy;
  }

  public String sourceId() {
    return sourceId;
  }

  public String schemaName() {
    return schemaName;
  }

  /** The schema as the source's own metadata calls take it (null when the source has no schemas). */
  String metadataSchema() {
    return metadataSchema;
  }

  String catalogName() {
    return catalogName;
  }

  HikariDataSource pool() {
    return pool;
  }

  SourceSchema sourceSchema() {
    return sourceSchema;
  }

  ServingModels models() {
    return models;
  }

  PartitionCache partitions() {
    return partitions;
  }

  /** The plan cache, with counters tests and benchmarks read. */
  public PlanCache plans() {
    return plans;
  }

  /** The source's table and column comments, read on first use. */
  SourceRemarks remarks() throws SQLException {
    SourceRemarks r = remarks;
    if (r == null) {
      r = SourceRemarks.read(this);
      remarks = r;
    }
    return r;
  }

  /** How many executions ran a {@link DirectPlan} on the source instead of Calcite's runtime. */
  public long directExecutions() {
    return directExecutions.sum();
  }

  void recordDirectExecution() {
    directExecutions.increment();
  }

  /** How many scans of synthetic tables executions have started (tests see whether a statement began to run). */
  public long syntheticScans() {
    return syntheticScans.sum();
  }

  void recordSyntheticScan() {
    syntheticScans.increment();
  }

  StatementGuard guard() {
    return guard;
  }

  SqlParser.Config parserConfig() {
    return parserConfig;
  }

  int lookahead() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  @Override
  public void close() {
    closeQuietly(catalog);
    pool.close();
    LOG.info("engine for {} closed", sourceId);
  }

  private static void closeQuietly(Catalog catalog) {
    if (catalog == null) {
      return;
    }
    try {
      catalog.close();
    } catch (SQLException e) {
      LOG.warn("closing catalog failed: {}", e.getMessage());
    }
  }
}
