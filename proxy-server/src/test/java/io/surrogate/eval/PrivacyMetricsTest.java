package io.surrogate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivacyMetricsTest {

  private static final TableSpec SPEC = new TableSpec("t",
      List.of(ColumnSpec.of("x", ColumnKind.INTEGER), ColumnSpec.of("c", ColumnKind.CATEGORICAL)));

  private static Object[] row(long x, String c) {
    return new Object[] {x, c};
  }

  @Test
  void distanceAveragesNormalisedNumericAndCategoricalParts() {
    // range of x over the real rows is 10 - 0 = 10
    Distances d = Distances.over(TableData.of(SPEC, List.of(row(0, "a"), row(10, "b"))));
    assertEquals(0.0, d.distance(row(3, "a"), row(3, "a")), 1e-12);
    assertEquals((0.3 + 0) / 2, d.distance(row(0, "a"), row(3, "a")), 1e-12);
    assertEquals((0.5 + 1) / 2, d.distance(row(0, "a"), row(5, "b")), 1e-12);
    assertEquals((1 + 0) / 2.0, d.distance(new Object[] {null, "a"}, row(5, "a")), 1e-12);
    assertEquals(0.15, d.dcr(row(0, "a"), List.of(row(3, "a"), row(9, "a"), row(0, "b"))), 1e-12);
  }

  @Test
  void aucCountsPairsAndTiesHalf() {
    assertEquals(1.0, PrivacyMetrics.auc(new double[] {3, 4}, new double[] {1, 2}), 1e-12);
    assertEquals(0.0, PrivacyMetrics.auc(new double[] {1}, new double[] {2, 3}), 1e-12);
    assertEquals(0.5, PrivacyMetrics.auc(new double[] {1, 1}, new double[] {1}), 1e-12);
    // pairs: (2>1 yes, 2>3 no), (4>1 yes, 4>3 yes) = 3 of 4
    assertEquals(0.75, PrivacyMetrics.auc(new double[] {2, 4}, new double[] {1, 3}), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> PrivacyMetrics.auc(new double[0], new double[] {1}));
  }

  @Test
  void copiedTrainingRowsAreDetected() {
    List<Object[]> train = List.of(row(0, "a"), row(10, "b"), row(20, "a"), row(30, "b"));
    List<Object[]> holdout = List.of(row(5, "a"), row(15, "b"), row(25, "a"), row(35, "b"));
    Distances d = Distances.over(TableData.of(SPEC, List.of(row(0, "a"), row(40, "a"))));
    PrivacyMetrics leak = PrivacyMetrics.compute(d, train, holdout, train);
    assertEquals(1.0, leak.closerToTrainShare(), 1e-12);
    assertEquals(1.0, leak.exactMatchTrain(), 1e-12);
    assertEquals(0.0, leak.exactMatchHoldout(), 1e-12);
    assertEquals(1.0, leak.attackAuc(), 1e-12);
    assertEquals(0.0, leak.medianDcrTrain(), 1e-12);
    // a synthetic set equidistant from both parts gives the ideal 50% / 0.5 values
    List<Object[]> midway = List.of(row(0, "a"), row(5, "a"));
    PrivacyMetrics fair = PrivacyMetrics.compute(d, List.<Object[]>of(row(0, "a")), List.<Object[]>of(row(5, "a")), midway);
    assertEquals(0.5, fair.closerToTrainShare(), 1e-12);
    assertEquals(0.5, fair.exactMatchTrain(), 1e-12);
    assertEquals(0.5, fair.exactMatchHoldout(), 1e-12);
    assertEquals(0.5, fair.attackAuc(), 1e-12);
  }
}
