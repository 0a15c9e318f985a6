package io.surrogate.synth.copula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.FitOptions;
import io.surrogate.synth.FitResult;
import io.surrogate.synth.Generators;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.dp.TestNoise;
import io.surrogate.synth.pii.PiiKind;
import io.surrogate.synth.sample.PartitionedSampler;
import io.surrogate.synth.sample.Seeds;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The copula's contract: determinism, types, NULLs, public facts, serialization, cost and bad input. */
class CopulaGeneratorTest {
  private static final PrivacyBudget EPS1 = new PrivacyBudget(1, 1e-9);
  private static final PrivacyBudget EXACT = new PrivacyBudget(Double.POSITIVE_INFINITY, 0);

  /** A table of every kind: id key, email PII, correlated x/y, nulls in cat and amount. */
  static TableData mixed(int n, long seed) {
    TableSpec spec = new TableSpec("mixed", List.of(
        ColumnSpec.of("id", ColumnKind.INTEGER).withNullable(false).asKey(),
        ColumnSpec.of("email", ColumnKind.CATEGORICAL).asPii(PiiKind.EMAIL),
        ColumnSpec.of("x", ColumnKind.FLOAT).withNullable(false),
        ColumnSpec.of("y", ColumnKind.INTEGER).withNullable(false),
        ColumnSpec.of("cat", ColumnKind.CATEGORICAL),
        ColumnSpec.of("flag", ColumnKind.BOOLEAN),
        ColumnSpec.of("amount", ColumnKind.DECIMAL).withScale(2),
        ColumnSpec.of("day", ColumnKind.DATE),
        ColumnSpec.of("at", ColumnKind.TIMESTAMP)));
    RandomGenerator r = Seeds.stream(seed, "mixed-data");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x = r.nextGaussian();
      long y = Math.round(50 + 10 * x + 3 * r.nextGaussian());
      String cat = r.nextDouble() < 0.3 ? null : (x > 0 ? "hi" : "lo");
      BigDecimal amount = r.nextDouble() < 0.1 ? null : BigDecimal.valueOf(r.nextInt(100_000), 2);
      LocalDate day = LocalDate.of(2020, 1, 1).plusDays(r.nextInt(365));
      LocalDateTime at = LocalDateTime.of(2021, 6, 1, 0, 0).plusSeconds(r.nextInt(86_400 * 30));
      rows.add(new Object[] {null, null, x, y, cat, r.nextBoolean(), amount, day, at});
    }
    return TableData.of(spec, rows);
  }

  static FitResult fit(TableData data, PrivacyBudget budget, long seed) {
    return new CopulaGenerator().fit(data, FitOptions.of(budget, seed));
  }

  static Object[][] sample(TableModel model, long seed, int n) {
    Object[][] rows = new Object[n][model.spec().width()];
    model.sample(Seeds.stream(seed, 0), rows);
    return rows;
  }

  @Test
  void registeredUnderItsPolicyName() {
    assertInstanceOf(CopulaGenerator.class, Generators.forName("copula"));
    assertTrue(Generators.names().contains("copula"));
  }

  @Test
  void reproducibleNoiseGivesIdenticalModelBytesAndRows() {
    TableData data = mixed(3000, 1);
    FitResult a = new CopulaGenerator().fit(data, FitOptions.of(EPS1, 42).withNoise(TestNoise.seeded(7)));
    FitResult b = new CopulaGenerator().fit(data, FitOptions.of(EPS1, 42).withNoise(TestNoise.seeded(7)));
    assertArrayEquals(a.model().toBytes(), b.model().toBytes());
    assertTrue(Arrays.deepEquals(sample(a.model(), 9, 500), sample(b.model(), 9, 500)));
  }

  @Test
  void theSameSeedTwiceGivesFreshNoise() {
    // Two trainings of the same data with the same seed draw independent noise. The row count alone
    // (discrete Gaussian, σ ≈ 46 at ρ = 2% of ε = 1) agrees with probability about 1/(2σ√π) < 0.01, and each of
    // the dozens of noisy histogram cells again, so identical model bytes have probability far below 1e-20.
    TableData data = mixed(3000, 1);
    FitResult a = fit(data, EPS1, 42);
    FitResult b = fit(data, EPS1, 42);
    assertFalse(Arrays.equals(a.model().toBytes(), b.model().toBytes()), "noise repeated across trainings");
    // serving stays deterministic: one fitted model and one seed give the same rows
    assertTrue(Arrays.deepEquals(sample(a.model(), 9, 500), sample(a.model(), 9, 500)));
    TableModel reread = new CopulaGenerator().read(a.model().toBytes());
    assertTrue(Arrays.deepEquals(sample(a.model(), 9, 500), sample(reread, 9, 500)));
  }

  @Test
  void samplingInChunksOrPartitionsGivesTheSameRows() {
    TableModel model = fit(mixed(2000, 2), EPS1, 5).model();
    Object[][] whole = new Object[300][model.spec().width()];
    model.sample(Seeds.stream(77, 0), whole);
    RandomGenerator stream = Seeds.stream(77, 0);
    Object[][] first = new Object[120][model.spec().width()];
    Object[][] second = new Object[180][model.spec().width()];
    model.sample(stream, first);
    model.sample(stream, second);
    for (int i = 0; i < 300; i++) {
      assertArrayEquals(whole[i], i < 120 ? first[i] : second[i - 120], "row " + i);
    }
    PartitionedSampler sampler = new PartitionedSampler(model, 11, 1000, 128);
    Object[][] last = sampler.partition(sampler.partitionCount() - 1);
    Object[][] p0 = sampler.partition(0);
    TableModel restored = new CopulaGenerator().read(model.toBytes());
    PartitionedSampler again = new PartitionedSampler(restored, 11, 1000, 128);
    assertTrue(Arrays.deepEquals(last, again.partition(again.partitionCount() - 1)));
    assertTrue(Arrays.deepEquals(p0, again.partition(0)));
    assertEquals(1L, p0[0][0]);
    assertNotNull(p0[0][1]);
  }

  @Test
  void partitionsDrawnInParallelEqualPartitionsDrawnInOrder() {
    TableModel model = fit(mixed(2000, 13), EPS1, 5).model();
    PartitionedSampler sampler = new PartitionedSampler(model, 3, 20_000, 1000);
    List<Object[][]> inOrder = new ArrayList<>();
    for (int p = 0; p < sampler.partitionCount(); p++) {
      inOrder.add(sampler.partition(p));
    }
    List<Object[][]> parallel = IntStream.range(0, sampler.partitionCount()).parallel()
        .mapToObj(sampler::partition).toList();
    for (int p = 0; p < inOrder.size(); p++) {
      assertTrue(Arrays.deepEquals(inOrder.get(p), parallel.get(p)), "partition " + p);
    }
  }

  @Test
  void serializationRoundTripsBytesAndRows() {
    FitResult fit = fit(mixed(2000, 3), EPS1, 8);
    byte[] bytes = fit.model().toBytes();
    TableModel back = new CopulaGenerator().read(bytes);
    assertArrayEquals(bytes, back.toBytes());
    assertEquals(fit.model().spec(), back.spec());
    assertEquals(fit.model().noisyRowCount(), back.noisyRowCount());
    assertTrue(Arrays.deepEquals(sample(fit.model(), 4, 400), sample(back, 4, 400)));
  }

  @Test
  void corruptBytesAreRefusedWithAReason() {
    byte[] bytes = fit(mixed(500, 4), EXACT, 1).model().toBytes();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CopulaGenerator().read(new byte[] {1, 2, 3, 4, 5, 6}));
    assertTrue(e.getMessage().startsWith("copula model: magic"), e.getMessage());
    byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
    e = assertThrows(IllegalArgumentException.class, () -> new CopulaGenerator().read(cut));
    assertTrue(e.getMessage().startsWith("copula model: truncated"), e.getMessage());
  }

  @Test
  void valuesHaveTheirColumnsTypesAndKeysAndPiiAreLeftToTheSampler() {
    TableData data = mixed(2000, 5);
    Object[][] rows = sample(fit(data, EPS1, 3).model(), 1, 2000);
    int temporalNulls = 0;
    for (Object[] row : rows) {
      assertNull(row[0]);
      assertNull(row[1]);
      assertInstanceOf(Double.class, row[2]);
      assertInstanceOf(Long.class, row[3]);
      if (row[6] != null) {
        assertEquals(2, ((BigDecimal) row[6]).scale());
      }
      // day and at are nullable without a NULL: at ε = 1 their NULL cell holds only noise (fresh per fit).
      if (row[7] == null || row[8] == null) {
        temporalNulls++;
      }
      if (row[7] != null) {
        assertInstanceOf(LocalDate.class, row[7]);
      }
      if (row[8] != null) {
        assertInstanceOf(LocalDateTime.class, row[8]);
      }
    }
    assertTrue(temporalNulls < 200, "NULLs in day or at: " + temporalNulls + " of 2000 (expected: noise only)");
    TableData.of(data.spec(), Arrays.asList(rows));
  }

  @Test
  void nullFractionsAreKept() {
    TableData data = mixed(5000, 6);
    Object[][] rows = sample(fit(data, EXACT, 3).model(), 2, 20_000);
    int catNull = 0;
    int amountNull = 0;
    int dayNull = 0;
    for (Object[] row : rows) {
      catNull += row[4] == null ? 1 : 0;
      amountNull += row[6] == null ? 1 : 0;
      dayNull += row[7] == null ? 1 : 0;
    }
    assertEquals(0.3, catNull / 20_000.0, 0.02);
    assertEquals(0.1, amountNull / 20_000.0, 0.015);
    assertEquals(0, dayNull);
  }

  @Test
  void correlationIsLearnedAtInfiniteEpsilon() {
    CopulaModel model = (CopulaModel) fit(mixed(5000, 7), EXACT, 3).model();
    // x and y have Pearson ≈ 0.96; the latent Gaussian correlation must be close
    assertTrue(model.correlation(0, 1) > 0.9, "latent corr " + model.correlation(0, 1));
    Object[][] rows = sample(model, 3, 10_000);
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (Object[] r : rows) {
      double x = (Double) r[2];
      double y = (Long) r[3];
      sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
    }
    int n = rows.length;
    double corr = (sxy / n - sx / n * sy / n) / Math.sqrt((sxx / n - sx * sx / n / n) * (syy / n - sy * sy / n / n));
    assertTrue(corr > 0.9, "sample corr " + corr);
  }

  @Test
  void publicBoundsAndDomainsAreNeverExceeded() {
    TableSpec spec = new TableSpec("b", List.of(
        ColumnSpec.of("age", ColumnKind.INTEGER).withBounds(18, 65),
        ColumnSpec.of("score", ColumnKind.FLOAT).withBounds(0.25, 0.75),
        ColumnSpec.of("price", ColumnKind.DECIMAL).withScale(1).withBounds(9.95, 20.04),
        ColumnSpec.of("color", ColumnKind.CATEGORICAL).withDomain(List.of("red", "green"))));
    RandomGenerator r = Seeds.stream(8, "b");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      // real values spill outside the public facts; the model must clamp or drop them
      rows.add(new Object[] {(long) r.nextInt(100), r.nextDouble(), BigDecimal.valueOf(r.nextInt(400), 1),
          List.of("red", "green", "blue").get(r.nextInt(3))});
    }
    TableData data = TableData.of(spec, rows);
    for (PrivacyBudget budget : List.of(EPS1, EXACT)) {
      for (Object[] row : sample(fit(data, budget, 1).model(), 5, 5000)) {
        if (row[0] != null) {
          long age = (Long) row[0];
          assertTrue(age >= 18 && age <= 65, "age " + age);
        }
        if (row[1] != null) {
          double s = (Double) row[1];
          assertTrue(s >= 0.25 && s <= 0.75, "score " + s);
        }
        if (row[2] != null) {
          BigDecimal p = (BigDecimal) row[2];
          assertTrue(p.compareTo(new BigDecimal("10.0")) >= 0 && p.compareTo(new BigDecimal("20.0")) <= 0, "price " + p);
          assertEquals(1, p.scale());
        }
        assertTrue(row[3] == null || row[3].equals("red") || row[3].equals("green"), "color " + row[3]);
      }
    }
  }

  @Test
  void rareCategoriesDoNotSurviveAFiniteEpsilon() {
    TableSpec spec = new TableSpec("r", List.of(ColumnSpec.of("c", ColumnKind.CATEGORICAL).withNullable(false)));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      rows.add(new Object[] {i == 0 ? "only-one-row" : (i % 2 == 0 ? "a" : "b")});
    }
    TableData data = TableData.of(spec, rows);
    for (long seed = 0; seed < 20; seed++) {
      for (Object[] row : sample(fit(data, EPS1, seed).model(), seed, 2000)) {
        assertFalse("only-one-row".equals(row[0]));
      }
    }
  }

  @Test
  void datesAndTimestampsRoundTripAtInfiniteEpsilon() {
    TableSpec spec = new TableSpec("d", List.of(ColumnSpec.of("day", ColumnKind.DATE).withNullable(false),
        ColumnSpec.of("at", ColumnKind.TIMESTAMP).withNullable(false)));
    List<Object[]> rows = new ArrayList<>();
    LocalDate d0 = LocalDate.of(1999, 12, 30);
    LocalDateTime t0 = LocalDateTime.of(2030, 1, 1, 12, 0, 5);
    for (int i = 0; i < 100; i++) {
      rows.add(new Object[] {d0.plusDays(i % 5), t0.plusSeconds(i % 3)});
    }
    for (Object[] row : sample(fit(TableData.of(spec, rows), EXACT, 1).model(), 1, 1000)) {
      LocalDate d = (LocalDate) row[0];
      LocalDateTime t = (LocalDateTime) row[1];
      assertTrue(!d.isBefore(d0) && !d.isAfter(d0.plusDays(4)), "day " + d);
      assertTrue(!t.isBefore(t0) && !t.isAfter(t0.plusSeconds(2)), "at " + t);
    }
  }

  @Test
  void costListsEveryReleaseWithinTheBudget() {
    FitResult fit = fit(mixed(2000, 9), new PrivacyBudget(2, 1e-8), 1);
    assertTrue(fit.cost().epsilon() <= 2 + 1e-9, "eps " + fit.cost().epsilon());
    assertTrue(fit.cost().epsilon() > 1.9, "eps " + fit.cost().epsilon());
    assertTrue(fit.cost().delta() <= 1e-8 * (1 + 1e-9), "delta " + fit.cost().delta());
    // row count, 7 modelled columns (3 of them with released bounds or domains inside), correlation, delta line
    List<String> lines = fit.cost().releases();
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("row count")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("correlation")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("column x: bounds")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("column cat: category domain")), lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.contains("column id") || l.contains("column email")), lines.toString());
    assertEquals(Double.POSITIVE_INFINITY, fit(mixed(200, 9), EXACT, 1).cost().epsilon());
  }

  @Test
  void noisyRowCountIsNearTheTruth() {
    long n = fit(mixed(4000, 10), EPS1, 1).model().noisyRowCount();
    assertTrue(Math.abs(n - 4000) < 200, "noisy rows " + n);
    assertEquals(4000, fit(mixed(4000, 10), EXACT, 1).model().noisyRowCount());
  }

  @Test
  void badInputIsRefusedWithClearMessages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PrivacyBudget(-1, 1e-9));
    assertEquals("epsilon: -1.0 (expected: > 0)", e.getMessage());
    TableData empty = TableData.of(mixed(1, 1).spec(), List.of());
    e = assertThrows(IllegalArgumentException.class, () -> fit(empty, EPS1, 1));
    assertEquals("table mixed: 0 rows (expected: at least 1 row to fit)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> fit(mixed(10, 1), new PrivacyBudget(1, 0), 1));
    assertEquals("delta: 0.0 (expected: > 0 for a finite epsilon)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new CopulaGenerator().fit(mixed(10, 1),
        new FitOptions(EPS1, 1, Map.of("bins", "1"), p -> { })));
    assertEquals("copula bins: 1 (expected: >= 2 and <= 1000)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new CopulaGenerator().fit(mixed(10, 1),
        new FitOptions(EPS1, 1, Map.of("depth", "3"), p -> { })));
    assertEquals("copula parameter 'depth' is unknown (expected: bins, correlation)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new CopulaGenerator().fit(mixed(10, 1),
        new FitOptions(EPS1, 1, Map.of("correlation", "pearson"), p -> { })));
    assertEquals("copula correlation: 'pearson' (expected: auto, kendall, gauss, none)", e.getMessage());
    TableSpec strict = new TableSpec("s", List.of(ColumnSpec.of("v", ColumnKind.FLOAT).withNullable(false)));
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {1.0});
    rows.add(new Object[] {null});
    e = assertThrows(IllegalArgumentException.class, () -> fit(TableData.of(strict, rows), EPS1, 1));
    assertEquals("column v: NULL in a column declared NOT NULL (expected: nullable column or no NULLs)", e.getMessage());
  }

  @Test
  void gaussCorrelationAndIndependentModesWork() {
    TableData data = mixed(5000, 11);
    CopulaModel gauss = (CopulaModel) new CopulaGenerator().fit(data,
        new FitOptions(EXACT, 1, Map.of("correlation", "gauss"), p -> { })).model();
    assertTrue(gauss.correlation(0, 1) > 0.9, "gauss latent corr " + gauss.correlation(0, 1));
    CopulaModel none = (CopulaModel) new CopulaGenerator().fit(data,
        new FitOptions(EXACT, 1, Map.of("correlation", "none"), p -> { })).model();
    assertEquals(0, none.correlation(0, 1));
    CopulaModel noisyGauss = (CopulaModel) new CopulaGenerator().fit(data,
        new FitOptions(new PrivacyBudget(5, 1e-6), 1, Map.of("correlation", "gauss"), p -> { })).model();
    assertTrue(noisyGauss.correlation(0, 1) > 0.5, "noisy gauss latent corr " + noisyGauss.correlation(0, 1));
  }

  @Test
  void tablesWithNoOrOneModelledColumnFit() {
    TableSpec keysOnly = new TableSpec("k", List.of(ColumnSpec.of("id", ColumnKind.INTEGER).asKey()));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(new Object[] {null});
    }
    FitResult fit = fit(TableData.of(keysOnly, rows), EPS1, 1);
    Object[][] out = sample(fit.model(), 1, 10);
    assertNull(out[0][0]);
    TableSpec one = new TableSpec("o", List.of(ColumnSpec.of("v", ColumnKind.FLOAT)));
    List<Object[]> values = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      values.add(new Object[] {i % 7 == 0 ? Double.NaN : (double) i});
    }
    TableModel model = fit(TableData.of(one, values), EPS1, 1).model();
    for (Object[] row : sample(model, 2, 200)) {
      assertTrue(row[0] == null || Double.isFinite((Double) row[0]), String.valueOf(row[0]));
    }
  }

  @Test
  void noisyBoundsNeverServeADateOrTimestampOutsideYears1To9999() {
    // Few rows at a small ε: the bounds' noisy histograms often keep the public grid's far ends (±5·10¹² days).
    TableSpec spec = new TableSpec("d", List.of(ColumnSpec.of("day", ColumnKind.DATE).withNullable(false),
        ColumnSpec.of("at", ColumnKind.TIMESTAMP).withNullable(false)));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(new Object[] {LocalDate.of(2022, 2, 14), LocalDateTime.of(2022, 2, 14, 9, 30)});
    }
    for (int seed = 0; seed < 60; seed++) {
      FitResult fit = new CopulaGenerator().fit(TableData.of(spec, rows),
          FitOptions.of(new PrivacyBudget(0.05, 1e-9), 1).withNoise(TestNoise.seeded(seed)));
      for (Object[] row : sample(fit.model(), seed, 50)) {
        int year = ((LocalDate) row[0]).getYear();
        int atYear = ((LocalDateTime) row[1]).getYear();
        assertTrue(year >= 1 && year <= 9999 && atYear >= 1 && atYear <= 9999, row[0] + " " + row[1]);
      }
    }
  }

  @Test
  void progressReachesOne() {
    double[] last = {-1};
    new CopulaGenerator().fit(mixed(100, 12), new FitOptions(EPS1, 1, Map.of(), p -> last[0] = p));
    assertEquals(1.0, last[0]);
  }
}
