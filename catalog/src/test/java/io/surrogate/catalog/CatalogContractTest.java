package io.surrogate.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every catalog database must show; subclasses supply H2 or PostgreSQL. */
abstract class CatalogContractTest {
  static final String SRC = "jdbc:postgresql://db:5432/app";

  protected Catalog catalog;

  /** A fresh, empty database for the catalog tables. */
  abstract DataSource freshDatabase() throws Exception;

  @BeforeEach
  void open() throws Exception {
    catalog = Catalogs.open(freshDatabase());
  }

  @AfterEach
  void close() throws SQLException {
    if (catalog != null) {
      catalog.close();
    }
  }

  static StoredModel model(String table, double epsilon, String content) {
    return new StoredModel(SRC, table, 0, "test-dp-mean", "fp-" + content, 7L, 100L, epsilon, 1e-9,
        Instant.parse("2026-11-23T10:15:30.123456789Z"), content.getBytes(StandardCharsets.UTF_8));
  }

  static LedgerEntry entry(String table, double epsilon) {
    return entry(table, epsilon, "row");
  }

  static LedgerEntry entry(String table, double epsilon, String unit) {
    return new LedgerEntry(SRC, table, 0, epsilon, 1e-9, epsilon * epsilon / 2, unit,
        List.of("row count: Laplace", "sum of age: Laplace"), Instant.now());
  }

  static String content(StoredModel m) {
    return new String(m.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void emptyCatalog() throws SQLException {
    assertTrue(catalog.latestModel(SRC, "patients").isEmpty());
    assertTrue(catalog.ledger(SRC, "patients").isEmpty());
    assertEquals(0.0, catalog.spentEpsilon(SRC, "patients"));
    assertTrue(catalog.latestModels(SRC).isEmpty());
  }

  @Test
  void versionsIncreaseAndTheNewestServes() throws SQLException {
    StoredModel v1 = catalog.commitTraining(model("Patients", 1.0, "one"), entry("Patients", 1.0), 10);
    StoredModel v2 = catalog.commitTraining(model("patients", 1.5, "two"), entry("patients", 1.5), 10);
    StoredModel v3 = catalog.commitTraining(model("PATIENTS", 0.5, "three"), entry("PATIENTS", 0.5), 10);
    assertEquals(List.of(1, 2, 3), List.of(v1.version(), v2.version(), v3.version()));

    StoredModel latest = catalog.latestModel(SRC, "pAtIeNtS").orElseThrow();
    assertEquals(3, latest.version());
    assertEquals("three", content(latest));
    assertEquals("PATIENTS", latest.table());
    assertEquals("test-dp-mean", latest.generator());
    assertEquals("fp-three", latest.fingerprint());
    assertEquals(7L, latest.seed());
    assertEquals(100L, latest.rows());
    assertEquals(0.5, latest.epsilon());
    assertEquals(1e-9, latest.delta());
    assertEquals(Instant.parse("2026-11-23T10:15:30.123456Z"), latest.createdAt(), "stored to the microsecond, UTC");
    assertArrayEquals(v3.bytes(), latest.bytes());

    List<LedgerEntry> ledger = catalog.ledger(SRC, "patients");
    assertEquals(List.of(1, 2, 3), ledger.stream().map(LedgerEntry::modelVersion).collect(Collectors.toList()));
    assertEquals(List.of(1.0, 1.5, 0.5), ledger.stream().map(LedgerEntry::epsilon).collect(Collectors.toList()));
    assertEquals(List.of("row count: Laplace", "sum of age: Laplace"), ledger.get(0).releases());
    assertEquals(0.5, ledger.get(0).rho());
    assertEquals("row", ledger.get(0).unit());
    assertEquals(3.0, catalog.spentEpsilon(SRC, "Patients"), 1e-12);
  }

  @Test
  void tablesAndSourcesAreSeparate() throws SQLException {
    catalog.commitTraining(model("a", 1, "a1"), entry("a", 1), 10);
    catalog.commitTraining(model("b", 2, "b1"), entry("b", 2), 10);
    catalog.commitTraining(model("a", 1, "a2"), entry("a", 1), 10);
    List<StoredModel> latest = catalog.latestModels(SRC);
    assertEquals(List.of("a2", "b1"), latest.stream().map(CatalogContractTest::content).collect(Collectors.toList()));
    assertEquals(2.0, catalog.spentEpsilon(SRC, "a"));
    assertEquals(2.0, catalog.spentEpsilon(SRC, "b"));
    assertTrue(catalog.latestModels("jdbc:postgresql://other:5432/app").isEmpty());
    assertEquals(0.0, catalog.spentEpsilon("jdbc:postgresql://other:5432/app", "a"));
  }

  @Test
  void commitBeyondTheBudgetIsRefusedWithWhatIsLeft() throws SQLException {
    catalog.commitTraining(model("t", 1.0, "v1"), entry("t", 1.0), 2.5);
    catalog.commitTraining(model("t", 1.0, "v2"), entry("t", 1.0), 2.5);
    SQLException e = assertThrows(SQLException.class,
        () -> catalog.commitTraining(model("t", 1.0, "v3"), entry("t", 1.0), 2.5));
    assertEquals("53400", e.getSQLState());
    assertEquals("table t: training needs epsilon 1.0 but only 0.5 of budget 2.5 is left", e.getMessage());
    assertEquals("v2", content(catalog.latestModel(SRC, "t").orElseThrow()));
    assertEquals(2, catalog.ledger(SRC, "t").size());
    // exactly what is left still fits
    assertEquals(3, catalog.commitTraining(model("t", 0.5, "v3"), entry("t", 0.5), 2.5).version());
  }

  @Test
  void aFailedInsertRollsBackTheWholeTraining() throws SQLException {
    catalog.commitTraining(model("t", 1.0, "v1"), entry("t", 1.0), 10);
    // The model row goes in first; a unit longer than its column then fails the ledger insert.
    String tooLong = "x".repeat(CatalogSchema.MAX_UNIT + 50);
    SQLException e = assertThrows(SQLException.class,
        () -> catalog.commitTraining(model("t", 1.0, "v2"), entry("t", 1.0, tooLong), 10));
    assertTrue(e.getSQLState() != null && !e.getSQLState().isEmpty(), "SQLSTATE present");
    assertEquals("v1", content(catalog.latestModel(SRC, "t").orElseThrow()));
    assertEquals(1, catalog.ledger(SRC, "t").size());
    assertEquals(1.0, catalog.spentEpsilon(SRC, "t"));
    assertEquals(2, catalog.commitTraining(model("t", 1.0, "v2"), entry("t", 1.0), 10).version(),
        "no version number is lost");
  }

  @Test
  void aFailedCommitLeavesThePreviousModel() throws Exception {
    FailingDataSource failing = new FailingDataSource(freshDatabase());
    try (Catalog c = Catalogs.open(failing.dataSource())) {
      c.commitTraining(model("t", 1.0, "v1"), entry("t", 1.0), 10);
      failing.failCommit.set(true);
      SQLException e = assertThrows(SQLException.class,
          () -> c.commitTraining(model("t", 1.0, "v2"), entry("t", 1.0), 10));
      assertEquals("08006", e.getSQLState());
      failing.failCommit.set(false);
      assertEquals("v1", content(c.latestModel(SRC, "t").orElseThrow()));
      assertEquals(1, c.latestModel(SRC, "t").orElseThrow().version());
      assertEquals(1, c.ledger(SRC, "t").size());
      assertEquals(1.0, c.spentEpsilon(SRC, "t"));
      assertEquals(2, c.commitTraining(model("t", 1.0, "v2"), entry("t", 1.0), 10).version(),
          "the rolled-back rows left nothing behind");
    }
  }

  @Test
  void concurrentTrainingsOfOneTableAreSerialized() throws Exception {
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String content = "m" + i;
        tasks.add(() -> catalog.commitTraining(model("t", 1.0, content), entry("t", 1.0), 3.0).version());
      }
      List<Integer> versions = new ArrayList<>();
      int refused = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        try {
          versions.add(f.get());
        } catch (ExecutionException e) {
          assertTrue(e.getCause() instanceof SQLException, String.valueOf(e.getCause()));
          assertEquals("53400", ((SQLException) e.getCause()).getSQLState(), e.getCause().getMessage());
          refused++;
        }
      }
      versions.sort(null);
      assertEquals(List.of(1, 2, 3), versions);
      assertEquals(threads - 3, refused);
      assertEquals(3.0, catalog.spentEpsilon(SRC, "t"));
      assertEquals(3, catalog.ledger(SRC, "t").size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nonFiniteAccountingRoundTrips() throws SQLException {
    LedgerEntry e = new LedgerEntry(SRC, "t", 0, 1.0, 0.0, Double.NaN, "row", List.of(), Instant.now());
    catalog.commitTraining(model("t", 1.0, "v1"), e, 10);
    LedgerEntry back = catalog.ledger(SRC, "t").get(0);
    assertTrue(Double.isNaN(back.rho()));
    assertEquals(List.of(), back.releases());
  }

  @Test
  void badArgumentsAreRefusedWithSqlstate() {
    SQLException mismatch = assertThrows(SQLException.class,
        () -> catalog.commitTraining(model("t", 1, "x"), entry("u", 1), 10));
    assertEquals("22023", mismatch.getSQLState());
    SQLException budget = assertThrows(SQLException.class,
        () -> catalog.commitTraining(model("t", 1, "x"), entry("t", 1), -1));
    assertEquals("22023", budget.getSQLState());
    assertEquals("budget: -1.0 (expected: > 0)", budget.getMessage());
  }
}
