package io.surrogate.catalog;

import io.surrogate.synth.FitOptions;
import io.surrogate.synth.FitResult;
import io.surrogate.synth.Generator;
import io.surrogate.synth.Generators;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.PrivacyCost;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.dp.DiscreteLaplace;
import io.surrogate.synth.dp.NoiseSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one synthetic table: checks its budget before any row is read, reads its public schema,
 * streams its modelled columns, fits the policy's generator under the policy's (ε, δ), and commits the
 * model with its ledger entry in one catalog transaction. A single table larger than its
 * {@code max_training_rows} is fitted on a Poisson sample ({@link TrainingSample}), so memory follows the cap,
 * not the table. A failure at any step, running out of heap included (53200), leaves the previous model serving. Logs name phases and tables, never a value or a count read from the data.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  /** Privacy unit of single-table training: neighbouring tables differ in one row. */
  static final String UNIT_ROW = "row";

  /** One monitor per (source, table) so first-use trainings in this JVM do not race. */
  private static final ConcurrentHashMap<String, Object> LOCKS = new ConcurrentHashMap<>();

  private final Catalog catalog;
  private final Policy policy;
  private final String sourceId;
  private final DataSource source;
  private final String schema;

  /**
   * @param catalog where models and the ledger are stored
   * @param policy the policy deciding each table's mode, generator and budget
   * @param sourceId canonical source identity ({@link SourceIds#of(String)})
   * @param source pool of connections to the real database (owned by the caller)
   * @param schema source schema, or null for the connection's current one
   */
  public Trainer(Catalog catalog, Policy policy, String sourceId, DataSource source, String schema) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
    this.source = Objects.requireNonNull(source, "source");
    this.schema = schema;
  }

  /**
   * Trains {@code table} and returns the stored model with its new version.
   *
   * @throws SQLException 55000 for a {@code mode: real} table, 53400 when the budget cap would be
   *     exceeded (before any row is read), 42P01/42703/0A000/22023 from the schema, 22023 when the
   *     generator refuses the data, 53200 when the read or the fit runs out of heap (nothing is committed), or
   *     the source's own error
   */
  public StoredModel train(String table, TrainListener listener) throws SQLException {
    Objects.requireNonNull(table, "table");
    TrainListener progress = listener == null ? TrainListener.NONE : listener;
    TablePolicy tp = policy.forTable(table);
    if (tp.mode() == TableMode.REAL) {
      throw SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE.create("table " + table
          + " has mode: real in the policy and is served as it"
          + " is; only synthetic tables are trained");
    }
    Generator generator = generator(tp);
    PrivacyBudget budget = budget(tp);
    checkBudget(table, tp);
    long started = System.nanoTime();
    LOG.info("training {} with {} (epsilon {}): reading schema", table, generator.name(),
        Budgets.format(tp.epsilon()));
    StoredModel stored;
    try {
      stored = readFitCommit(table, tp, generator, budget, progress);
    } catch (OutOfMemoryError e) {
      // The rows and the half-built model are unreachable once the stack unwinds to here, so the heap is free
      // again; the catalog transaction never began or was rolled back, so nothing is committed.
      LOG.error("training {} ran out of memory (max_training_rows {})", table, capText(tp));
      throw outOfMemory(tp);
    }
    LOG.info("training {}: stored version {} in {} ms", table, stored.version(),
        (System.nanoTime() - started) / 1_000_000);
    return stored;
  }

  private StoredModel readFitCommit(String table, TablePolicy tp, Generator generator, PrivacyBudget budget,
      TrainListener progress) throws SQLException {
    LinkedReader.Result linked = linked(table, tp, budget, progress);
    SourceReader.Training read = linked != null ? null
        : SourceReader.readForTraining(source, schema, table, tp, progress);
    TableData data = linked != null ? linked.data() : read.data();
    TrainingSample sample = read != null ? read.sample() : null;
    PrivacyBudget fitBudget = linked != null ? modelBudget(linked, budget, tp)
        : sample != null ? sampleBudget(sample, budget, tp) : budget;
    LOG.info("training {}: fitting", table);
    FitResult fit = fit(generator, data, fitBudget, tp, linked != null ? linked.fitOptions() : tp.options(),
        progress);
    TableSpec spec = linked != null ? linked.tableSpec() : data.spec();
    progress.progress(table, "commit", 0);
    StoredModel stored = commit(spec, tp, fit, linked, sample);
    progress.progress(table, "commit", 1);
    return stored;
  }

  /** The rows public tables' foreign keys need this table to serve (public data: no budget). */
  private long referencedFloor(String table) throws SQLException {
    try (Connection c = source.getConnection()) {
      long floor = ReferencedKeys.floor(c, SchemaReader.locate(c, schema, table), policy);
      if (floor > 0) {
        LOG.info("training {}: public tables reference keys up to {}; it serves at least that many rows", table,
            floor);
      }
      return floor;
    }
  }

  /** SQLSTATE 53200, with what to change. */
  static SQLException outOfMemory(TablePolicy tp) {
    return SqlState.OUT_OF_MEMORY.create("out of memory: training table " + tp.name() + " needs more"
        + " memory than the JVM has (hint: raise -Xmx or lower max_training_rows, now " + capText(tp) + ")");
  }

  private static String capText(TablePolicy tp) {
    return tp.maxTrainingRows() == 0 ? "all" : String.format(Locale.ROOT, "%,d", tp.maxTrainingRows());
  }

  /** The fit's budget on a sample: the table's (ε, δ) less the ε of the count that sized it. */
  private static PrivacyBudget sampleBudget(TrainingSample sample, PrivacyBudget budget, TablePolicy tp)
      throws SQLException {
    try {
      return new PrivacyBudget(sample.fitEpsilon(budget.epsilon()), budget.delta());
    } catch (IllegalArgumentException e) {
      throw SqlState.INVALID_PARAMETER_VALUE.create("table " + tp.name() + ": " + e.getMessage());
    }
  }

  /**
   * Returns the table's newest model, training it first when it has none ({@code train: auto} on first
   * use; a {@code train: manual} table without a model is refused with 55000). Callers in one JVM are serialized per (source, table), so concurrent first uses train once
   * and spend the budget once.
   */
  public StoredModel ensureTrained(String table, TrainListener listener) throws SQLException {
    Objects.requireNonNull(table, "table");
    Optional<StoredModel> existing = catalog.latestModel(sourceId, table);
    if (existing.isPresent()) {
      return existing.get();
    }
    if (policy.forTable(table).train() == TrainMode.MANUAL) {
      throw SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE.create("table " + table
          + " has no trained model and its policy says"
          + " train: manual (expected: run surrogate train " + table + " first)");
    }
    Object lock = LOCKS.computeIfAbsent(sourceId + "\u0000" + table.toLowerCase(Locale.ROOT), k -> new Object());
    synchronized (lock) {
      existing = catalog.latestModel(sourceId, table);
      return existing.isPresent() ? existing.get() : train(table, listener);
    }
  }

  private static Generator generator(TablePolicy tp) throws SQLException {
    try {
      return Generators.forName(tp.generator());
    } catch (IllegalArgumentException e) {
      throw SqlState.FEATURE_NOT_SUPPORTED.create("table " + tp.name() + ": generator '" + tp.generator()
          + "' is not on the class path (available: " + String.join(", ", Generators.names()) + ")");
    }
  }

  private static PrivacyBudget budget(TablePolicy tp) throws SQLException {
    double delta = tp.delta() != null ? tp.delta() : PrivacyDefaults.DEFAULT_DELTA;
    try {
      return new PrivacyBudget(tp.epsilon(), delta);
    } catch (IllegalArgumentException e) {
      throw SqlState.INVALID_PARAMETER_VALUE.create("table " + tp.name() + ": " + e.getMessage());
    }
  }

  /** The cap check that runs before any connection to the source is opened. */
  private void checkBudget(String table, TablePolicy tp) throws SQLException {
    double spent = catalog.spentEpsilon(sourceId, table);
    if (!Budgets.fits(spent, tp.epsilon(), tp.budget())) {
      LOG.info("training {} refused: budget cap reached", table);
      throw Budgets.exhausted(table, tp.epsilon(), spent, tp.budget());
    }
  }

  /** Reads a table with foreign-key links through {@link LinkedReader}; null for a table without links. */
  private LinkedReader.Result linked(String table, TablePolicy tp, PrivacyBudget budget, TrainListener progress)
      throws SQLException {
    TableSpec spec;
    try (Connection c = source.getConnection()) {
      spec = SchemaReader.read(c, schema, table, tp);
    }
    if (!LinkedReader.hasLinks(spec)) {
      return null;
    }
    return LinkedReader.read(source, schema, table, policy, generator(tp), budget.epsilon(),
        NoiseSource.secure(), progress);
  }

  /**
   * The budget the row model of a linked table is fitted with: (ε_m/k, δ/(k·e^{ε_m})), which group privacy
   * over the k rows one parent may contribute turns back into (ε_m, δ) for the parent entity.
   */
  private static PrivacyBudget modelBudget(LinkedReader.Result linked, PrivacyBudget budget, TablePolicy tp)
      throws SQLException {
    int k = linked.groupSize();
    double e = linked.modelEpsilon();
    if (k == 1 || Double.isInfinite(e)) {
      return new PrivacyBudget(e, budget.delta());
    }
    try {
      return new PrivacyBudget(e / k, budget.delta() / (k * Math.exp(e)));
    } catch (IllegalArgumentException ex) {
      throw SqlState.INVALID_PARAMETER_VALUE.create("table " + tp.name() + ": " + ex.getMessage());
    }
  }

  private static FitResult fit(Generator generator, TableData data, PrivacyBudget budget, TablePolicy tp,
      Map<String, String> params, TrainListener progress) throws SQLException {
    String table = data.spec().name();
    progress.progress(table, "fit", 0);
    FitOptions options = new FitOptions(budget, tp.seed(), params,
        f -> progress.progress(table, "fit", Math.max(0, Math.min(1, f))));
    try {
      FitResult result = generator.fit(data, options);
      progress.progress(table, "fit", 1);
      return result;
    } catch (IllegalArgumentException e) {
      throw SqlState.INVALID_PARAMETER_VALUE.create("table " + tp.name() + ": generator " + generator.name()
          + " cannot fit it: " + e.getMessage());
    } catch (RuntimeException e) {
      throw SqlState.INTERNAL_ERROR.create("table " + tp.name() + ": generator " + generator.name()
          + " failed (an internal error of the generator; its message is withheld because it may quote a value)");
    }
  }

  private StoredModel commit(TableSpec spec, TablePolicy tp, FitResult fit, LinkedReader.Result linked,
      TrainingSample sample) throws SQLException {
    TableModel model = fit.model();
    PrivacyCost cost = linked != null ? entityCost(fit.cost(), linked)
        : sample != null ? sample.charge(fit.cost()) : fit.cost();
    // A sample's own count would estimate the sample; the count that sized it estimates the real table.
    TrainingSample held = linked != null ? linked.sample() : sample;
    long released = held != null && held.sampled() ? held.noisyRowCount() : model.noisyRowCount();
    long rows = tp.rows() != null ? tp.rows() : Math.max(0, released);
    if (linked == null || linked.relations().driving().isEmpty()) {
      rows = Math.max(rows, referencedFloor(spec.name()));
    }
    Instant now = Instant.now();
    StoredModel stored = new StoredModel(sourceId, spec.name(), 0, model.generator(), spec.fingerprint(), tp.seed(),
        rows, cost.epsilon(), cost.delta(), now, model.toBytes(), linked == null ? null : linked.relations().toBytes());
    LedgerEntry entry = new LedgerEntry(sourceId, spec.name(), 0, cost.epsilon(), cost.delta(), cost.rho(),
        linked == null ? UNIT_ROW : linked.unit(), cost.releases(), now);
    return catalog.commitTraining(stored, entry, tp.budget());
  }

  /**
   * The cost for the parent entity: the link releases (pure ε-DP, already scaled to their sensitivity) plus the
   * row model's cost under group privacy of k rows, (k·ε, k·e^{(k−1)ε}·δ) and k²·ρ.
   */
  static PrivacyCost entityCost(PrivacyCost fit, LinkedReader.Result linked) {
    int k = linked.groupSize();
    double linkEps = linked.linkEpsilon();
    double groupDelta = k == 1 ? fit.delta() : Math.min(1, k * Math.exp((k - 1) * fit.epsilon()) * fit.delta());
    List<String> groupReleases = new ArrayList<>();
    for (String r : fit.releases()) {
      groupReleases.add(k == 1 ? r : r + " [group of " + k + " rows per parent]");
    }
    PrivacyCost group = new PrivacyCost(k * fit.epsilon(), Double.isNaN(groupDelta) ? 0 : groupDelta,
        Double.isNaN(fit.rho()) ? Double.NaN : (double) k * k * fit.rho(), groupReleases);
    // a sample of whole parents: Poisson subsampling amplifies the entity-level cost, as for rows of one table
    if (linked.sample() != null) {
      group = linked.sample().charge(group);
    }
    int n = linked.releases().size();
    double linkRho = n == 0 ? 0 : n * DiscreteLaplace.rho(linkEps / n);
    List<String> releases = new ArrayList<>();
    for (String r : linked.releases()) {
      releases.add(r + ": " + DiscreteLaplace.NAME + ", epsilon " + Budgets.format(n == 0 ? 0 : linkEps / n));
    }
    releases.addAll(group.releases());
    return new PrivacyCost(linkEps + group.epsilon(), group.delta(),
        Double.isNaN(group.rho()) ? Double.NaN : linkRho + group.rho(), releases);
  }
}
