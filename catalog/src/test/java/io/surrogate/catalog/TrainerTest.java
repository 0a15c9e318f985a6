package io.surrogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.Generators;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.sample.PartitionedSampler;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training end to end from an H2 source into an H2 catalog. */
class TrainerTest {
  static final int ROWS = 400;
  private static final AtomicInteger COUNTER = new AtomicInteger();

  @TempDir
  Path dir;
  private Catalog catalog;
  private FailingDataSource source;
  private Connection keepAlive;
  private double realMeanAge;
  private String sourceId;

  @BeforeEach
  void setUp() throws SQLException {
    catalog = Catalogs.open("jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath(), "sa", "");
    JdbcDataSource h2 = new JdbcDataSource();
    String url = "jdbc:h2:mem:trainsrc" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    h2.setURL(url);
    sourceId = SourceIds.of(url);
    keepAlive = h2.getConnection();
    realMeanAge = fill(keepAlive, ROWS, 11L);
    source = new FailingDataSource(h2);
  }

  @AfterEach
  void tearDown() throws SQLException {
    try (Statement s = keepAlive.createStatement()) {
      s.execute("SHUTDOWN");
    }
    catalog.close();
  }

  /** Creates and fills the patients table; returns the real mean age. */
  static double fill(Connection c, int rows, long seed) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE patients (id BIGINT PRIMARY KEY, email VARCHAR(100), age INT, weight DOUBLE PRECISION,"
          + " sex VARCHAR(1), born DATE, active BOOLEAN, balance DECIMAL(10, 2))");
    }
    SplittableRandom r = new SplittableRandom(seed);
    long ageSum = 0;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO patients VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 1; i <= rows; i++) {
        int age = 20 + r.nextInt(50);
        ageSum += age;
        ps.setLong(1, i);
        ps.setString(2, "person" + i + "@real.example");
        ps.setInt(3, age);
        ps.setDouble(4, 50 + r.nextDouble() * 50);
        ps.setString(5, r.nextBoolean() ? "F" : "M");
        ps.setObject(6, LocalDate.of(1950, 1, 1).plusDays(r.nextInt(20_000)));
        ps.setBoolean(7, r.nextBoolean());
        ps.setBigDecimal(8, BigDecimal.valueOf(r.nextInt(100_000), 2));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return (double) ageSum / rows;
  }

  static Policy policy(String table) throws PolicyException {
    return PolicyLoader.parse(String.join("\n", "tables:", "  countries: { mode: real }",
        "  patients:", "    generator: " + DpMeanTestGenerator.NAME, "    epsilon: 1.0", "    budget: 1.5", table,
        "    columns:", "      email: { pii: email }", "      age: { bounds: [0, 100] }",
        "      weight: { bounds: [0, 200] }", ""), "t.yaml", n -> null);
  }

  private Trainer trainer(Policy policy) {
    return new Trainer(catalog, policy, sourceId, source.dataSource(), null);
  }

  @Test
  void trainsStoresAndRecordsTheRelease() throws Exception {
    List<String> events = new ArrayList<>();
    StoredModel stored = trainer(policy("")).train("patients",
        (table, phase, fraction) -> events.add(phase + ":" + fraction));
    assertEquals(1, stored.version());
    assertEquals(DpMeanTestGenerator.NAME, stored.generator());
    assertEquals(sourceId, stored.source());
    assertEquals(1.0, stored.epsilon());
    assertTrue(Math.abs(stored.rows() - ROWS) < 60, "noisy row count " + stored.rows());

    StoredModel latest = catalog.latestModel(sourceId, "PATIENTS").orElseThrow();
    assertEquals(1, latest.version());
    TableModel model = latest.model();
    TableSpec spec = model.spec();
    assertEquals(spec.fingerprint(), latest.fingerprint());
    assertEquals(ColumnRole.KEY, spec.column(spec.indexOf("id")).role());
    assertEquals(ColumnRole.PII, spec.column(spec.indexOf("email")).role());
    double mean = DpMeanTestGenerator.meanOf(model, "age");
    assertTrue(Math.abs(mean - realMeanAge) < 5, "noisy mean " + mean + " vs real " + realMeanAge);

    List<LedgerEntry> ledger = catalog.ledger(sourceId, "patients");
    assertEquals(1, ledger.size());
    assertEquals("row", ledger.get(0).unit());
    assertEquals(1.0, ledger.get(0).epsilon());
    assertEquals(1, ledger.get(0).modelVersion());
    assertTrue(ledger.get(0).releases().get(0).startsWith("row count"), ledger.get(0).releases().toString());

    assertEquals("schema:0.0", events.get(0));
    assertTrue(events.containsAll(List.of("schema:1.0", "read:0.0", "read:1.0", "fit:0.0", "fit:1.0", "commit:1.0")),
        events.toString());
    assertEquals(2, events.stream().filter(e -> e.startsWith("read:")).count(), "read reports only its ends");
  }

  @Test
  void keyAndPiiColumnsAreNeverSelected() throws Exception {
    trainer(policy("")).train("patients", TrainListener.NONE);
    List<String> selects = source.sql.stream().filter(s -> s.toUpperCase(Locale.ROOT).startsWith("SELECT")).toList();
    assertEquals(2, selects.size(), selects.toString());
    assertEquals("SELECT count(*) FROM \"PUBLIC\".\"PATIENTS\"", selects.get(0), "the count reads no column");
    String select = selects.get(1);
    assertTrue(select.contains("\"AGE\""), select);
    assertTrue(select.contains("\"BALANCE\""), select);
    assertFalse(select.contains("EMAIL"), select);
    assertFalse(select.contains("\"ID\""), select);
  }

  @Test
  void exhaustedBudgetIsRefusedBeforeAnyRowIsRead() throws Exception {
    Trainer trainer = trainer(policy(""));
    trainer.train("patients", TrainListener.NONE);
    int connections = source.connections.get();
    int statements = source.statements.get();
    SQLException e = assertThrows(SQLException.class, () -> trainer.train("patients", TrainListener.NONE));
    assertEquals("53400", e.getSQLState());
    assertEquals("table patients: training needs epsilon 1.0 but only 0.5 of budget 1.5 is left", e.getMessage());
    assertEquals(connections, source.connections.get(), "no connection to the source was opened");
    assertEquals(statements, source.statements.get());
    assertEquals(1, catalog.latestModel(sourceId, "patients").orElseThrow().version());
    assertEquals(1, catalog.ledger(sourceId, "patients").size());
  }

  @Test
  void concurrentFirstUsesTrainOnce() throws Exception {
    Policy p = PolicyLoader.parse(String.join("\n", "tables:", "  patients:", "    generator: "
        + DpMeanTestGenerator.NAME, "    epsilon: 1.0", ""), "t.yaml", n -> null);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<StoredModel>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        futures.add(pool.submit(() -> trainer(p).ensureTrained("patients", null)));
      }
      for (Future<StoredModel> f : futures) {
        assertEquals(1, f.get().version());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, catalog.ledger(sourceId, "patients").size());
    assertEquals(1.0, catalog.spentEpsilon(sourceId, "patients"));
    assertEquals(1, trainer(p).ensureTrained("PATIENTS", null).version(), "an existing model is returned as is");
  }

  @Test
  void manualTablesAreNotTrainedOnFirstUse() throws Exception {
    Policy p = PolicyLoader.parse(String.join("\n", "tables:", "  patients:", "    generator: "
        + DpMeanTestGenerator.NAME, "    train: manual", ""), "t.yaml", n -> null);
    SQLException e = assertThrows(SQLException.class, () -> trainer(p).ensureTrained("patients", null));
    assertEquals("55000", e.getSQLState());
    assertEquals(0, source.connections.get());
    StoredModel explicit = trainer(p).train("patients", null);
    assertEquals(explicit.version(), trainer(p).ensureTrained("patients", null).version());
  }

  @Test
  void realTablesAreNeverTrained() throws Exception {
    SQLException e = assertThrows(SQLException.class, () -> trainer(policy("")).train("Countries", null));
    assertEquals("55000", e.getSQLState());
    assertEquals(0, source.connections.get());
  }

  @Test
  void aGeneratorNotOnTheClassPathIsRefusedBeforeReading() throws Exception {
    assumeTrue(!Generators.names().contains("vae"), "vae is registered");
    Policy p = PolicyLoader.parse("tables:\n  patients: { generator: vae }\n", "t.yaml", n -> null);
    SQLException e = assertThrows(SQLException.class, () -> trainer(p).train("patients", null));
    assertEquals("0A000", e.getSQLState());
    assertEquals(0, source.connections.get());
  }

  @Test
  void rowsFromThePolicyOverrideTheNoisyCount() throws Exception {
    StoredModel stored = trainer(policy("    rows: 1234")).train("patients", null);
    assertEquals(1234L, stored.rows());
  }

  @Test
  void aFailedTrainingLeavesThePreviousModel() throws Exception {
    Policy p = PolicyLoader.parse(String.join("\n", "tables:", "  patients:", "    generator: "
        + DpMeanTestGenerator.NAME, "    columns:", "      age: { bounds: [0, 100] }", ""), "t.yaml", n -> null);
    trainer(p).train("patients", null);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("ALTER TABLE patients RENAME COLUMN age TO years");
    }
    SQLException e = assertThrows(SQLException.class, () -> trainer(p).train("patients", null));
    assertEquals("42703", e.getSQLState());
    assertEquals(1, catalog.latestModel(sourceId, "patients").orElseThrow().version());
    assertEquals(1, catalog.ledger(sourceId, "patients").size());
  }

  @Test
  void aTableWithNothingToModelStillTrains() throws Exception {
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE contacts (id BIGINT PRIMARY KEY, email VARCHAR(100))");
      s.execute("INSERT INTO contacts SELECT id, email FROM patients");
    }
    Policy p = PolicyLoader.parse(String.join("\n", "tables:", "  contacts:", "    generator: "
        + DpMeanTestGenerator.NAME, "    columns:", "      email: { pii: email }", ""), "t.yaml", n -> null);
    StoredModel stored = trainer(p).train("contacts", null);
    assertTrue(Math.abs(stored.rows() - ROWS) < 30, "noisy row count " + stored.rows());
    assertTrue(source.sql.stream().anyMatch(s -> s.startsWith("SELECT 1 FROM")), source.sql.toString());
  }

  @Test
  void twoTrainingsWithTheSameSeedDrawFreshNoiseAndTheLedgerNamesEachMechanism() throws Exception {
    assumeTrue(Generators.names().contains("copula"), "copula generator not on the class path yet");
    Policy p = PolicyLoader.parse(String.join("\n", "tables:", "  patients:", "    generator: copula",
        "    epsilon: 1.0", "    budget: 3.0", "    seed: 7", "    columns:", "      email: { pii: email }",
        "      age: { bounds: [0, 100] }", "      sex: { domain: [F, M] }", ""), "t.yaml", n -> null);
    Trainer trainer = trainer(p);
    StoredModel first = trainer.train("patients", null);
    StoredModel second = trainer.train("patients", null);
    assertEquals(first.seed(), second.seed());
    // the noisy row count and every histogram cell get independent discrete Gaussian noise (σ ≈ 46 for the
    // count alone, which repeats with probability about 1/(2σ√π) < 0.01), so equal bytes are out of reach
    assertFalse(java.util.Arrays.equals(first.bytes(), second.bytes()), "noise repeated across trainings");
    for (LedgerEntry entry : catalog.ledger(sourceId, "patients")) {
      for (String line : entry.releases()) {
        // "training sample: ..." says which rows the fit saw; the count that decided it is a release of its own
        assertTrue(line.startsWith("delta:") || line.startsWith("training sample:")
            || line.contains("discrete Gaussian")
            || line.contains("continuous Gaussian")
            || line.contains("exponential mechanism") || line.contains("discrete Laplace"), line);
      }
    }
  }

  @Test
  void copulaEndToEnd() throws Exception {
    assumeTrue(Generators.names().contains("copula"), "copula generator not on the class path yet");
    Policy p = PolicyLoader.parse(String.join("\n", "tables:", "  patients:", "    generator: copula",
        "    epsilon: 2.0", "    budget: 3.0", "    columns:", "      email: { pii: email }",
        "      age: { bounds: [0, 100] }", "      sex: { domain: [F, M] }", ""), "t.yaml", n -> null);
    Trainer trainer = trainer(p);
    StoredModel stored = trainer.train("patients", null);
    assertEquals("copula", stored.generator());
    assertEquals(1, stored.version());
    TableModel model = catalog.latestModel(sourceId, "patients").orElseThrow().model();
    assertEquals(stored.fingerprint(), model.spec().fingerprint());
    assertTrue(Math.abs(stored.rows() - ROWS) < 100, "noisy row count " + stored.rows());
    LedgerEntry entry = catalog.ledger(sourceId, "patients").get(0);
    assertTrue(entry.epsilon() > 0 && entry.epsilon() <= 2.0 + 1e-9, "epsilon " + entry.epsilon());
    assertFalse(entry.releases().isEmpty());

    PartitionedSampler sampler = new PartitionedSampler(model, stored.seed(), stored.rows(), 100);
    TableSpec spec = model.spec();
    int age = spec.indexOf("age");
    int sex = spec.indexOf("sex");
    for (Object[] row : sampler.partition(0)) {
      for (int c = 0; c < spec.width(); c++) {
        if (row[c] != null) {
          assertTrue(spec.column(c).kind().javaType().isInstance(row[c]), spec.column(c) + " " + row[c]);
        }
      }
      assertFalse(String.valueOf(row[spec.indexOf("email")]).endsWith("@real.example"));
      assertTrue(row[age] == null || ((Long) row[age] >= 0 && (Long) row[age] <= 100), String.valueOf(row[age]));
      assertTrue(row[sex] == null || List.of("F", "M").contains(row[sex]), String.valueOf(row[sex]));
    }

    int connections = source.connections.get();
    SQLException e = assertThrows(SQLException.class, () -> trainer.train("patients", null));
    assertEquals("53400", e.getSQLState());
    assertTrue(e.getMessage().startsWith("table patients: training needs epsilon 2.0 but only "), e.getMessage());
    assertEquals(connections, source.connections.get(), "refused before reading");
  }

  /** The source as tests see it, for subclasses that train elsewhere. */
  DataSource source() {
    return source.dataSource();
  }
}
