package io.surrogate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AssociationsTest {

  private static final TableSpec SPEC = new TableSpec("t", List.of(
      ColumnSpec.of("id", ColumnKind.INTEGER).asKey(),
      ColumnSpec.of("x", ColumnKind.FLOAT),
      ColumnSpec.of("y", ColumnKind.FLOAT),
      ColumnSpec.of("c", ColumnKind.CATEGORICAL),
      ColumnSpec.of("noise", ColumnKind.CATEGORICAL)));

  private static TableData table(boolean linked, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      double x = r.nextDouble();
      double y = linked ? -2 * x + 0.01 * r.nextDouble() : r.nextDouble();
      String c = linked ? (x > 0.5 ? "hi" : "lo") : (r.nextBoolean() ? "hi" : "lo");
      rows.add(new Object[] {(long) i, x, y, c, r.nextBoolean() ? "a" : "b"});
    }
    return TableData.of(SPEC, rows);
  }

  @Test
  void pearsonForNumbersCramersVWhenACategoryIsInvolvedOnRealBins() {
    Associations[] m = Associations.of(table(true, 1), table(false, 2));
    Associations real = m[0];
    Associations syn = m[1];
    assertEquals(List.of("x", "y", "c", "noise"), real.columns(), "keys are not modelled, so left out");
    assertTrue(real.isPearson(0, 1));
    assertFalse(real.isPearson(0, 2));
    assertEquals(1.0, real.get(0, 0), 1e-9);
    assertEquals(-1.0, real.get(0, 1), 0.001);
    assertEquals(real.get(0, 1), real.get(1, 0));
    assertEquals(1.0, real.get(0, 2), 0.001, "c is a step function of x: both halves of the 10 bins split clean");
    assertTrue(real.get(2, 3) < 0.05, "noise is independent of c: " + real.get(2, 3));
    assertTrue(Math.abs(syn.get(0, 1)) < 0.05, "independent synthetic columns: " + syn.get(0, 1));
    assertTrue(syn.get(0, 2) < 0.1, "independent synthetic columns: " + syn.get(0, 2));
  }

  @Test
  void constantColumnHasNoAssociation() {
    assertTrue(Double.isNaN(Associations.pearson(new Object[] {1.0, 1.0, 1.0}, new Object[] {1.0, 2.0, 3.0})));
    assertTrue(Double.isNaN(Associations.cramersV(new int[] {0, 0, 0}, new int[] {0, 1, 2})));
    assertEquals(1.0, Associations.cramersV(new int[] {0, 1, 0, 1}, new int[] {1, 0, 1, 0}), 1e-9);
  }

  @Test
  void colourScaleIsFixedAndDiverging() {
    assertEquals("rgb(178,24,43)", Svg.correlationColour(1));
    assertEquals("rgb(33,102,172)", Svg.correlationColour(-1));
    assertEquals("rgb(247,247,247)", Svg.correlationColour(0));
    assertEquals("rgb(178,24,43)", Svg.correlationColour(7), "clamped");
    assertEquals("#dddddd", Svg.correlationColour(Double.NaN));
  }
}
