package io.surrogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.PrivacyCost;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training in bounded memory: the Poisson training sample, its accounting, and out-of-memory as an error. */
class TrainingMemoryTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  @TempDir
  Path dir;
  private Catalog catalog;
  private JdbcDataSource h2;
  private Connection keepAlive;
  private String sourceId;

  @BeforeEach
  void setUp() throws SQLException {
    catalog = Catalogs.open("jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath(), "sa", "");
    h2 = new JdbcDataSource();
    String url = "jdbc:h2:mem:memsrc" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    h2.setURL(url);
    sourceId = SourceIds.of(url);
    keepAlive = h2.getConnection();
  }

  @AfterEach
  void tearDown() throws SQLException {
    try (Statement s = keepAlive.createStatement()) {
      s.execute("SHUTDOWN");
    }
    catalog.close();
  }

  private Trainer trainer(String generator, String extra) throws PolicyException {
    Policy p = PolicyLoader.parse(String.join("\n", "tables:", "  patients:", "    generator: " + generator,
        "    epsilon: 100", "    budget: 150", extra, "    columns:", "      email: { pii: email }",
        "      age: { bounds: [0, 100] }", ""), "t.yaml", n -> null);
    return new Trainer(catalog, p, sourceId, h2, null);
  }

  @Test
  void anOutOfMemoryFitIsA53200AndCommitsNothing() throws Exception {
    TrainerTest.fill(keepAlive, 400, 3L);
    SQLException e = assertThrows(SQLException.class,
        () -> trainer(OutOfMemoryTestGenerator.NAME, "").train("patients", null));
    assertEquals("53200", e.getSQLState());
    assertEquals("out of memory: training table patients needs more memory than the JVM has (hint: raise -Xmx or"
        + " lower max_training_rows, now 1,000,000)", e.getMessage());
    assertTrue(catalog.latestModel(sourceId, "patients").isEmpty(), "no model was stored");
    assertTrue(catalog.ledger(sourceId, "patients").isEmpty(), "nothing was charged");
    StoredModel stored = trainer(DpMeanTestGenerator.NAME, "").train("patients", null);
    assertEquals(1, stored.version(), "the table trains once memory suffices");
  }

  @Test
  void aTableLargerThanTheCapIsTrainedOnAPoissonSample() throws Exception {
    TrainerTest.fill(keepAlive, 5_000, 5L);
    StoredModel stored = trainer(DpMeanTestGenerator.NAME, "    max_training_rows: 1000").train("patients", null);
    // ε of the count is 1 (discrete Laplace, scale 1): the served count estimates the whole table, not the sample.
    assertTrue(Math.abs(stored.rows() - 5_000) < 30, "served rows " + stored.rows());
    long sampleCount = stored.model().noisyRowCount();
    assertTrue(sampleCount > 800 && sampleCount < 1_200, "the fit saw about 1,000 rows, not " + sampleCount);

    LedgerEntry entry = catalog.ledger(sourceId, "patients").get(0);
    List<String> releases = entry.releases();
    assertEquals("row count for the training sample: discrete Laplace, sensitivity 1, epsilon 1.0", releases.get(0));
    // q = 1,000 / the noisy count, which moves with the count's noise: about 0.2, not exactly
    assertTrue(releases.get(1).startsWith("training sample: Poisson q="), releases.toString());
    double released = Double.parseDouble(releases.get(1).substring("training sample: Poisson q=".length(),
        releases.get(1).indexOf(' ', "training sample: Poisson q=".length())));
    assertEquals(0.2, released, 0.005, releases.toString());
    // q is 1,000 over the unrounded noisy count; the served count is that count rounded.
    double q = 1_000.0 / stored.rows();
    assertEquals(1 + TrainingSample.amplifiedEpsilon(99, q), entry.epsilon(), 1e-3);
    assertTrue(entry.epsilon() < 100, "amplification charges less than the table's epsilon");
  }

  @Test
  void aTableWithinTheCapIsReadWholeAndChargedItsEpsilon() throws Exception {
    TrainerTest.fill(keepAlive, 400, 7L);
    StoredModel stored = trainer(DpMeanTestGenerator.NAME, "").train("patients", null);
    LedgerEntry entry = catalog.ledger(sourceId, "patients").get(0);
    assertEquals(100, entry.epsilon(), 1e-9);
    assertTrue(entry.releases().get(1).startsWith("training sample: every row"), entry.releases().toString());
    assertTrue(Math.abs(stored.rows() - 400) < 10, "served rows " + stored.rows());
  }

  @Test
  void withoutACapNoCountIsReleased() throws Exception {
    TrainerTest.fill(keepAlive, 400, 9L);
    trainer(DpMeanTestGenerator.NAME, "    max_training_rows: all").train("patients", null);
    LedgerEntry entry = catalog.ledger(sourceId, "patients").get(0);
    assertEquals(100, entry.epsilon());
    assertTrue(entry.releases().stream().noneMatch(r -> r.startsWith("training sample")), entry.releases().toString());
  }

  @Test
  void theBudgetCheckStillRefusesBeforeReading() throws Exception {
    TrainerTest.fill(keepAlive, 5_000, 11L);
    Trainer trainer = trainer(DpMeanTestGenerator.NAME, "    max_training_rows: 1000");
    trainer.train("patients", null);
    SQLException e = assertThrows(SQLException.class, () -> trainer.train("patients", null));
    assertEquals("53400", e.getSQLState());
    assertEquals(1, catalog.ledger(sourceId, "patients").size());
  }

  @Test
  void amplificationFollowsPoissonSubsampling() {
    assertEquals(Math.log(1 + 0.2 * (Math.E - 1)), TrainingSample.amplifiedEpsilon(1, 0.2), 1e-12);
    assertEquals(2.0, TrainingSample.amplifiedEpsilon(2.0, 1), 0);
    TrainingSample sample = TrainingSample.of(1_000_000, 0.01, 5_000_123);
    PrivacyCost cost = sample.charge(new PrivacyCost(0.99, 1e-6, 0.1, List.of("fit release")));
    double q = 1_000_000 / 5_000_123.0;
    assertEquals(q, sample.rate(), 1e-15);
    assertEquals(0.01 + Math.log1p(q * Math.expm1(0.99)), cost.epsilon(), 1e-12);
    assertEquals(q * 1e-6, cost.delta(), 1e-18);
    assertEquals("training sample: Poisson q=0.2000 of a noisy 5,000,123 rows (max_training_rows 1,000,000);"
        + " amplified (epsilon, delta) = (0.291354, 0.000000199995) from the fit's (0.99, 0.000001)", cost.releases().get(1));
    assertEquals("fit release", cost.releases().get(2));
  }

  @Test
  void thePoissonFilterKeepsAboutQOfTheRows() {
    TrainingSample.RowFilter filter = TrainingSample.of(1_000, 1, 5_000).filter();
    int kept = 0;
    for (int i = 0; i < 100_000; i++) {
      kept += filter.keep() ? 1 : 0;
    }
    // Binomial(100,000, 0.2): mean 20,000, sd 126; six sd either side fails once in 10^9 runs.
    assertTrue(Math.abs(kept - 20_000) < 760, "kept " + kept);
  }

  @Test
  void theCapIsValidated() {
    PolicyException e = assertThrows(PolicyException.class, () -> trainer(DpMeanTestGenerator.NAME,
        "    max_training_rows: 10"));
    assertTrue(e.getMessage().contains("max_training_rows: 10 (expected: all or a whole number >= 1000)"),
        e.getMessage());
    e = assertThrows(PolicyException.class, () -> trainer(DpMeanTestGenerator.NAME, "    max_training_rows: many"));
    assertTrue(e.getMessage().contains("'many' (expected: all or a whole number >= 1000)"), e.getMessage());
  }
}
