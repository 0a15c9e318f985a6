package io.surrogate.synth.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.FitOptions;
import io.surrogate.synth.Generators;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.pii.PiiKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Rows of a (model, seed) do not depend on how the table is cut into partitions or in what order they are drawn. */
class PartitionedSamplerTest {
  private static final int ROWS = 5_000;

  private static TableModel model(String generator) {
    TableSpec spec = new TableSpec("t", List.of(ColumnSpec.of("id", ColumnKind.INTEGER).asKey(),
        ColumnSpec.of("x", ColumnKind.FLOAT).withBounds(0, 10), ColumnSpec.of("c", ColumnKind.CATEGORICAL)
            .withDomain(List.of("a", "b", "c")), ColumnSpec.of("mail", ColumnKind.CATEGORICAL).asPii(PiiKind.EMAIL)));
    RandomGenerator r = Seeds.stream(99, "data");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      double x = r.nextDouble() * 10;
      rows.add(new Object[] {null, x, x < 3 ? "a" : x < 7 ? "b" : "c", null});
    }
    return Generators.forName(generator).fit(TableData.of(spec, rows),
        FitOptions.of(new PrivacyBudget(1, 1e-9), 4)).model();
  }

  private static List<List<Object>> all(PartitionedSampler s, boolean backwards) {
    Object[][][] parts = new Object[s.partitionCount()][][];
    for (int i = 0; i < parts.length; i++) {
      int p = backwards ? parts.length - 1 - i : i;
      parts[p] = s.partition(p);
    }
    List<List<Object>> out = new ArrayList<>();
    for (Object[][] part : parts) {
      for (Object[] row : part) {
        out.add(Arrays.asList(row));
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"copula", "cart"})
  void anyPartitionSizeAndOrderGivesTheSameRows(String generator) {
    TableModel m = model(generator);
    List<List<Object>> reference = all(new PartitionedSampler(m, 7, ROWS, PartitionedSampler.BLOCK), false);
    assertEquals(ROWS, reference.size());
    for (int size : new int[] {1, 100, 999, 1024, 3000, 4096, 65_536}) {
      assertEquals(reference, all(new PartitionedSampler(m, 7, ROWS, size), size % 2 == 0), "partition size " + size);
    }
  }

  @Test
  void keysArePositionsAndAnotherSeedGivesOtherRows() {
    TableModel m = model("copula");
    Object[][] p = new PartitionedSampler(m, 7, ROWS, 1000).partition(2);
    assertEquals(2001L, p[0][0]);
    assertEquals(3000L, p[999][0]);
    Object[][] other = new PartitionedSampler(m, 8, ROWS, 1000).partition(2);
    assertNotEquals(Arrays.asList(p[0][1], p[1][1], p[2][1]), Arrays.asList(other[0][1], other[1][1], other[2][1]));
    assertArrayEquals(p[5], new PartitionedSampler(m, 7, ROWS, 1000).partition(2)[5]);
  }
}
