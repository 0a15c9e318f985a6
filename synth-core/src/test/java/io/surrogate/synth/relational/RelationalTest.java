package io.surrogate.synth.relational;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.dp.TestNoise;
import io.surrogate.synth.sample.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cardinality release, per-parent layout, key choice, self-reference and cycle handling. */
class RelationalTest {

  private static long[] realCounts() {
    // a skewed children-per-parent sample: many 1s, some 0s, a long tail
    long[] counts = new long[2000];
    RandomGeneratorHolder.fill(counts);
    return counts;
  }

  @Test
  void exactReleaseReproducesTheShape() {
    long[] real = realCounts();
    CardinalityHistogram h = CardinalityHistogram.release(real, 20, Double.POSITIVE_INFINITY,
        TestNoise.seeded(1));
    long[] synth = countsOf(new ChildLayout(h, 7).foreignKeys(1, 2000), 2000);
    double sim = CardinalityShape.similarity(clip(real, 20), synth);
    assertTrue(sim >= 0.95, "similarity " + sim);
  }

  @Test
  void noisyReleaseStillResemblesAndIsPrinted() {
    long[] real = realCounts();
    CardinalityHistogram h = CardinalityHistogram.release(real, 20, 1.0, TestNoise.seeded(2));
    long[] synth = countsOf(new ChildLayout(h, 7).foreignKeys(1, 2000), 2000);
    double sim = CardinalityShape.similarity(clip(real, 20), synth);
    System.out.println("cardinality shape similarity at epsilon=1: " + sim);
    assertTrue(sim >= 0.8, "similarity " + sim);
  }

  @Test
  void countsAreClippedAtTheCap() {
    CardinalityHistogram h = CardinalityHistogram.release(new long[] {50, 50, 50}, 5,
        Double.POSITIVE_INFINITY, TestNoise.seeded(3));
    assertEquals(5, h.countFor(9, 1));
    assertEquals(1.0, h.probabilities()[5], 1e-12);
  }

  @Test
  void partitionsAreProducedAloneAndReferenceExistingParents() {
    CardinalityHistogram h = CardinalityHistogram.release(realCounts(), 20, 1.0, TestNoise.seeded(4));
    ChildLayout layout = new ChildLayout(h, 11);
    List<Long> whole = layout.foreignKeys(1, 300);
    List<Long> parts = new ArrayList<>(layout.foreignKeys(1, 120));
    parts.addAll(layout.foreignKeys(121, 300));
    assertEquals(whole, parts);
    assertEquals(layout.rowCount(1, 120), layout.foreignKeys(1, 120).size());
    assertTrue(whole.stream().allMatch(k -> k >= 1 && k <= 300));
    assertTrue(!whole.equals(new ChildLayout(h, 12).foreignKeys(1, 300)), "seed must matter");
  }

  @Test
  void badCapAndNamesAreRefusedNamingTheTables() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ParentLink("invoice", "customerid", "customer", "customerid", 0, false));
    assertTrue(e.getMessage().contains("invoice -> customer: 0 (expected: > 0)"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new ParentLink("invoice", " ", "customer", "customerid", 3, false));
    assertThrows(IllegalArgumentException.class,
        () -> CardinalityHistogram.release(new long[] {1}, -2, 1, TestNoise.seeded(1)));
  }

  @Test
  void orderPutsParentsFirstAndAllowsSelfReference() {
    List<ParentLink> links = List.of(
        new ParentLink("InvoiceLine", "InvoiceId", "Invoice", "InvoiceId", 20, false),
        new ParentLink("Invoice", "CustomerId", "Customer", "CustomerId", 20, false),
        new ParentLink("Customer", "SupportRepId", "Employee", "EmployeeId", 20, true),
        new ParentLink("Employee", "ReportsTo", "Employee", "EmployeeId", 20, true));
    List<String> order = new ForeignKeyGraph(List.of("InvoiceLine"), links).order();
    assertEquals(List.of("employee", "customer", "invoice", "invoiceline"), order);
  }

  @Test
  void cyclesBreakAtANullableKeyOrAreRefusedNamingTheCycle() {
    ParentLink ab = new ParentLink("a", "b_id", "b", "id", 5, false);
    ParentLink baNullable = new ParentLink("b", "a_id", "a", "id", 5, true);
    ForeignKeyGraph g = new ForeignKeyGraph(List.of("a"), List.of(ab, baNullable));
    assertEquals(List.of("b", "a"), g.order());
    assertEquals(List.of(baNullable), g.brokenLinks());

    ParentLink baStrict = new ParentLink("b", "a_id", "a", "id", 5, false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ForeignKeyGraph(List.of("a"), List.of(ab, baStrict)).order());
    assertTrue(e.getMessage().contains("a -> b -> a"), e.getMessage());
  }

  @Test
  void realKeysAreDrawnOnlyFromTheListedKeysInProportion() {
    List<Long> keys = List.of(10L, 20L, 30L);
    KeyHistogram h = KeyHistogram.release(keys, Map.of(10L, 900L, 30L, 100L, 99L, 5000L),
        Double.POSITIVE_INFINITY, TestNoise.seeded(5));
    int tens = 0;
    for (long row = 0; row < 4000; row++) {
      Object k = h.keyFor(3, row);
      assertTrue(k.equals(10L) || k.equals(30L), "drew " + k);
      tens += k.equals(10L) ? 1 : 0;
      assertEquals(k, h.keyFor(3, row));
    }
    assertEquals(0.9, tens / 4000.0, 0.03);
  }

  @Test
  void selfReferencePointsAtEarlierKeysOrNull() {
    SelfReference s = SelfReference.release(100, 1000, Double.POSITIVE_INFINITY, TestNoise.seeded(6));
    assertEquals(0.1, s.nullRate(), 1e-12);
    assertNull(s.referenceFor(1, 1));
    int nulls = 0;
    for (long key = 2; key <= 5000; key++) {
      Long ref = s.referenceFor(1, key);
      if (ref == null) {
        nulls++;
      } else {
        assertTrue(ref >= 1 && ref < key, key + " -> " + ref);
      }
      assertEquals(ref, s.referenceFor(1, key));
    }
    assertEquals(0.1, nulls / 5000.0, 0.02);
  }

  @Test
  void similarityIsOneForIdenticalAndLowForDisjointSamples() {
    assertEquals(1.0, CardinalityShape.similarity(new long[] {1, 2, 3}, new long[] {3, 2, 1}), 1e-12);
    assertEquals(0.0, CardinalityShape.similarity(new long[] {1, 1}, new long[] {5, 5}), 1e-12);
  }

  private static long[] clip(long[] counts, int cap) {
    long[] out = counts.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.min(out[i], cap);
    }
    return out;
  }

  private static long[] countsOf(List<Long> fks, int parents) {
    long[] counts = new long[parents];
    for (long k : fks) {
      counts[(int) k - 1]++;
    }
    return counts;
  }

  /** Builds the fixed skewed sample from a named seed (no unseeded randomness in tests either). */
  private static final class RandomGeneratorHolder {
    static void fill(long[] counts) {
      var r = Seeds.stream(42, "real-counts");
      for (int i = 0; i < counts.length; i++) {
        double u = r.nextDouble();
        counts[i] = u < 0.1 ? 0 : u < 0.5 ? 1 : u < 0.8 ? 1 + r.nextInt(4) : 5 + r.nextInt(30);
      }
    }
  }
}
