package io.surrogate.synth.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metric values checked against numbers worked out by hand from SDMetrics' definitions. */
class QualityReportTest {

  @Test
  void ksComplementIsOneMinusTheLargestCdfGap() {
    // real {1,2,3,4}, synthetic {3,4,5,6}: at x = 2 F_real = 0.5, F_syn = 0 → KS 0.5
    assertEquals(0.5, KsComplement.compute(new Object[] {1L, 2L, 3L, 4L}, new Object[] {3L, 4L, 5L, 6L}), 1e-12);
    assertEquals(1.0, KsComplement.compute(new Object[] {1.0, 2.0, null}, new Object[] {2.0, 1.0}), 1e-12);
    // ties: real {1,1,2}, synthetic {1,2,2}: F at 1: 2/3 vs 1/3
    assertEquals(1 - 1.0 / 3, KsComplement.compute(new Object[] {1L, 1L, 2L}, new Object[] {1L, 2L, 2L}), 1e-12);
    assertEquals(0.5, KsComplement.compute(
        new Object[] {LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 2)},
        new Object[] {LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 2)}), 1e-12);
    assertTrue(Double.isNaN(KsComplement.compute(new Object[] {null}, new Object[] {1L})));
  }

  @Test
  void tvComplementCountsNullAndUnseenCategories() {
    // real a:0.5 b:0.25 null:0.25; synthetic a:0.5 c:0.5 → Σ|Δ| = 0 + 0.25 + 0.25 + 0.5 = 1 → 0.5
    assertEquals(0.5, TvComplement.compute(new Object[] {"a", "a", "b", null}, new Object[] {"a", "c"}), 1e-12);
    assertEquals(1.0, TvComplement.compute(new Object[] {true, false}, new Object[] {false, true}), 1e-12);
  }

  @Test
  void correlationSimilarityComparesPearsonCoefficients() {
    Object[] x = {1.0, 2.0, 3.0, 4.0};
    Object[] up = {2.0, 4.0, 6.0, 8.0};
    Object[] down = {8.0, 6.0, 4.0, 2.0};
    assertEquals(1.0, CorrelationSimilarity.pearson(x, up), 1e-12);
    assertEquals(0.0, CorrelationSimilarity.compute(x, up, x, down), 1e-12);
    assertEquals(1.0, CorrelationSimilarity.compute(x, up, x, up), 1e-12);
    // rows with a NULL are left out of the coefficient
    assertEquals(1.0, CorrelationSimilarity.pearson(new Object[] {1.0, 2.0, null, 3.0}, new Object[] {1L, 2L, 9L, 3L}),
        1e-12);
  }

  @Test
  void contingencySimilarityIsOneMinusTotalVariation() {
    Object[] ra = {"x", "x", "y", "y"};
    Object[] rb = {"p", "q", "p", "q"};
    Object[] sa = {"x", "x", "y", "y"};
    Object[] sb = {"p", "p", "q", "q"};
    // real cells each 0.25; synthetic (x,p)=0.5, (y,q)=0.5 → Σ|Δ| = 0.25+0.25+0.25+0.25 → 1 − 0.5
    assertEquals(0.5, ContingencySimilarity.compute(ra, rb, sa, sb), 1e-12);
  }

  @Test
  void reportSkipsKeysAndPicksMetricsByKind() {
    TableSpec spec = new TableSpec("t", List.of(
        ColumnSpec.of("id", ColumnKind.INTEGER).asKey(),
        ColumnSpec.of("n", ColumnKind.FLOAT),
        ColumnSpec.of("m", ColumnKind.INTEGER),
        ColumnSpec.of("c", ColumnKind.CATEGORICAL)));
    List<Object[]> real = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      real.add(new Object[] {null, (double) i, (long) (2 * i), i % 2 == 0 ? "even" : "odd"});
    }
    TableData r = TableData.of(spec, real);
    QualityReport same = QualityReport.compute(r, r);
    assertEquals(1.0, same.score(), 1e-12);
    assertEquals(3, same.columns().size());
    assertEquals(3, same.pairs().size());
    assertEquals("KSComplement", same.columns().get(0).metric());
    assertEquals("TVComplement", same.columns().get(2).metric());
    assertEquals("CorrelationSimilarity", same.pairs().get(0).metric());
    assertEquals("ContingencySimilarity", same.pairs().get(1).metric());

    List<Object[]> shifted = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      shifted.add(new Object[] {null, (double) i + 50, (long) (2 * i), "even"});
    }
    QualityReport worse = QualityReport.compute(r, TableData.of(spec, shifted));
    assertEquals(0.5, worse.columns().get(0).score(), 1e-12);
    assertEquals(0.5, worse.columns().get(2).score(), 1e-12);
    assertTrue(worse.score() < 0.9);
    assertEquals((worse.columnShapes() + worse.pairTrends()) / 2, worse.score(), 1e-12);
  }

  @Test
  void mixedPairsBinNumbersInTenEqualWidthBinsOfTheRealRange() {
    Object[] real = {0.0, 10.0, 4.99, 5.0};
    Object[] codes = MetricValues.discretize(real, real, 10);
    assertEquals(List.of(0, 9, 4, 5), List.of(codes));
    Object[] outside = MetricValues.discretize(new Object[] {-100.0, 100.0, null}, real, 10);
    assertEquals(List.of(0, 9, -1), Arrays.asList(outside));
  }

  @Test
  void mismatchedTablesAreRefused() {
    TableSpec a = new TableSpec("a", List.of(ColumnSpec.of("x", ColumnKind.FLOAT)));
    TableSpec b = new TableSpec("a", List.of(ColumnSpec.of("x", ColumnKind.INTEGER)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QualityReport.compute(TableData.of(a, List.of()), TableData.of(b, List.of())));
    assertEquals("synthetic column 0: x INTEGER (expected: x FLOAT)", e.getMessage());
  }
}
