package io.surrogate.driver.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.surrogate.catalog.Catalog;
import io.surrogate.catalog.Policy;
import io.surrogate.catalog.SchemaReader;
import io.surrogate.catalog.SqlState;
import io.surrogate.catalog.StoredModel;
import io.surrogate.catalog.TablePolicy;
import io.surrogate.catalog.Trainer;
import io.surrogate.catalog.TableMode;
import io.surrogate.catalog.TrainMode;
import io.surrogate.synth.relational.RelationalModel;
import io.surrogate.synth.relational.RowLayout;
import io.surrogate.synth.sample.PartitionedSampler;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the model each synthetic table serves. The catalog's newest version is re-read at most once
 * per {@link #VERSION_TTL} per table, so a retrained model is served within that delay without a catalog
 * round trip on every query; a table without a model is trained on first use when its policy says
 * {@code train: auto} (one training at a time per table), else refused with 55000. A model whose schema
 * fingerprint differs from the table's current schema (the table was altered) is trained again the
 * same way, which charges the table's budget and is refused with 53400 once it is spent.
 */
final class ServingModels {
  private static final Logger LOG = LoggerFactory.getLogger(ServingModels.class);
  /** How long a looked-up version is trusted before the catalog is asked again. */
  static final Duration VERSION_TTL = Duration.ofSeconds(2);

  private final Catalog catalog;
  private final Policy policy;
  private final String sourceId;
  private final DataSource source;
  private final String schema;
  private final Long seedOverride;
  private final int partitionSize;
  private final Cache<String, ServingModel> current;
  /** Deserialized models by table, so an unchanged version is not deserialized again after the TTL. */
  private final Map<String, ServingModel> loaded = new ConcurrentHashMap<>();

  ServingModels(Catalog catalog, Policy policy, String sourceId, DataSource source, String schema,
      Long seedOverride, int partitionSize) {
    this.catalog = catalog;
    this.policy = policy;
    this.sourceId = sourceId;
    this.source = source;
    this.schema = schema;
    this.seedOverride = seedOverride;
    this.partitionSize = partitionSize;
    this.current = Caffeine.newBuilder().expireAfterWrite(VERSION_TTL).build();
  }

  /**
   * The model {@code table} serves now.
   *
   * @throws SqlStates.Carrier carrying 55000 (no model, manual training), 53400 (budget exhausted on
   *     first training) or the catalog's error
   */
  ServingModel current(String table) {
    return current.get(table.toLowerCase(Locale.ROOT), key -> load(table));
  }

  /** Forgets every cached version and model, so the next query re-reads the catalog and the schema. */
  void invalidateAll() {
    current.invalidateAll();
    loaded.clear();
  }

  private ServingModel load(String table) {
    try {
      Optional<StoredModel> stored = catalog.latestModel(sourceId, table);
      StoredModel model = stored.isPresent() ? stored.get() : trainOnUse(table);
      String key = table.toLowerCase(Locale.ROOT);
      ServingModel known = loaded.get(key);
      Optional<RelationalModel> relations = model.relational();
      Map<String, ServingModel> parents = parents(table, relations);
      long variant = variant(parents);
      if (known != null && known.version() == model.version() && known.variant() == variant) {
        return known;
      }
      if (!model.fingerprint().equals(currentFingerprint(table))) {
        model = retrainForSchema(table);
        relations = model.relational();
        parents = parents(table, relations);
        variant = variant(parents);
      }
      long seed = seedOverride != null ? seedOverride : model.seed();
      var tableModel = model.model();
      RowLayout layout = null;
      ParentAttributes prefill = null;
      long rows = model.rows();
      if (relations.isPresent()) {
        Map<String, ServingModel> p = parents;
        layout = RowLayout.of(tableModel.spec(), relations.get(), seed,
            t -> p.get(t.toLowerCase(Locale.ROOT)).rows(), rows);
        rows = layout.rowCount();
        prefill = ParentAttributes.of(tableModel, relations.get(), layout, p);
      }
      ServingModel serving = new ServingModel(model.table(), model.version(), tableModel, seed,
          new PartitionedSampler(tableModel, seed, rows, partitionSize), layout, variant, prefill);
      loaded.put(key, serving);
      LOG.debug("serving {} model version {}", table, model.version());
      return serving;
    } catch (SQLException e) {
      throw new SqlStates.Carrier(e);
    }
  }

  /**
   * The serving models of the synthetic parents a child's layout needs. Loaded directly rather than through the
   * version cache, which must not be re-entered from its own loader; training refuses cycles, so this ends.
   */
  private Map<String, ServingModel> parents(String table, Optional<RelationalModel> relations) {
    Map<String, ServingModel> out = new LinkedHashMap<>();
    if (relations.isEmpty()) {
      return out;
    }
    for (String parent : relations.get().syntheticParents()) {
      if (policy.forTable(parent).mode() == TableMode.REAL) {
        throw new SqlStates.Carrier(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE.create("table " + table
            + " was trained while "
            + parent + " was synthetic; it is real now, so train " + table + " again", null));
      }
      ServingModel cached = current.getIfPresent(parent.toLowerCase(Locale.ROOT));
      out.put(parent.toLowerCase(Locale.ROOT), cached != null ? cached : load(parent));
    }
    return out;
  }

  /** A stable identity of the parents' versions and seeds (0 when there are none). */
  private static long variant(Map<String, ServingModel> parents) {
    long h = 0;
    for (ServingModel p : parents.values()) {
      h = 31 * h + Objects.hash(p.table().toLowerCase(Locale.ROOT), p.version(), p.seed(), p.variant(), p.rows());
    }
    return h;
  }

  /** Fingerprint of the table's schema as the source has it now (metadata only, no rows). */
  private String currentFingerprint(String table) throws SQLException {
    try (Connection c = source.getConnection()) {
      return SchemaReader.read(c, schema, table, policy.forTable(table)).fingerprint();
    }
  }

  /** The stored model was fitted on another schema (the table changed): train again, or refuse. */
  private StoredModel retrainForSchema(String table) throws SQLException {
    if (policy.forTable(table).train() == TrainMode.MANUAL) {
      throw SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE.create("table " + table + " changed since its model was trained;"
          + " run `surrogate train`", null);
    }
    LOG.info("table {} changed since its model was trained; training it again", table);
    return new Trainer(catalog, policy, sourceId, source, schema).train(table, null);
  }

  private StoredModel trainOnUse(String table) throws SQLException {
    TablePolicy tp = policy.forTable(table);
    if (tp.train() == TrainMode.MANUAL) {
      throw SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE.create("table " + table
          + " has no trained model; run `surrogate train`", null);
    }
    LOG.info("table {} has no model; training it on first use", table);
    return new Trainer(catalog, policy, sourceId, source, schema).ensureTrained(table, null);
  }
}
