package io.surrogate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

  private static final TableSpec SPEC = new TableSpec("t", List.of(
      ColumnSpec.of("id", ColumnKind.INTEGER).asKey(),
      ColumnSpec.of("x", ColumnKind.INTEGER).withBounds(0, 10),
      ColumnSpec.of("c", ColumnKind.CATEGORICAL).withDomain(List.of("a", "b"))));

  @Test
  void flagsOutOfBoundsValuesDuplicateKeysAndNullRates() {
    TableData real = TableData.of(SPEC, List.of(new Object[] {1L, 1L, "a"}, new Object[] {2L, null, "b"}));
    TableData syn = TableData.of(SPEC, Arrays.asList(new Object[] {1L, 5L, "a"}, new Object[] {1L, 11L, "z"},
        new Object[] {3L, 2L, null}, new Object[] {4L, 3L, "b"}));
    Diagnostics d = Diagnostics.compute(real, syn);
    assertFalse(d.columns().get(0).keyValid());
    assertEquals(0.75, d.columns().get(1).inBoundsShare(), 1e-12);
    assertEquals(0.5, d.columns().get(1).realNullRate(), 1e-12);
    assertEquals(0.0, d.columns().get(1).syntheticNullRate(), 1e-12);
    assertEquals(2.0 / 3, d.columns().get(2).inBoundsShare(), 1e-12);
    assertEquals(0.25, d.columns().get(2).syntheticNullRate(), 1e-12);
    assertFalse(d.allValid());

    TableData good = TableData.of(SPEC, List.of(new Object[] {1L, 0L, "a"}, new Object[] {2L, 10L, "b"}));
    assertTrue(Diagnostics.compute(real, good).allValid());
  }
}
