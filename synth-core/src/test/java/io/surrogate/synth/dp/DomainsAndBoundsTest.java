package io.surrogate.synth.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.sample.Seeds;
import java.util.List;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Thresholded category domains, public-domain counts, DP bounds and DP quantiles. */
class DomainsAndBoundsTest {

  @Test
  void thresholdFollowsItsFormula() {
    // 2 + σ·Φ⁻¹(1 − δ) (one more than for continuous noise: the discrete tail bound) with Φ⁻¹(0.975) = 1.95996...
    assertEquals(2 + 10 * 1.959963984540054, CategoryDomains.threshold(10, 0.025), 1e-9);
  }

  @Test
  void aSingleRowCategorySurvivesAtMostDeltaOfTheTime() {
    TreeMap<String, Long> counts = new TreeMap<>();
    counts.put("common", 5000L);
    counts.put("rare", 1L);
    double delta = 0.01;
    int rare = 0;
    int common = 0;
    int trials = 20_000;
    NoiseSource r = TestNoise.seeded(1);
    for (int i = 0; i < trials; i++) {
      CategoryDomains.Release rel = CategoryDomains.thresholded(counts, 0.01, delta, r);
      rare += rel.categories().contains("rare") ? 1 : 0;
      common += rel.categories().contains("common") ? 1 : 0;
    }
    // the count-1 category sits exactly δ below the threshold: expect δ·trials survivals
    assertEquals(delta, (double) rare / trials, 0.003);
    assertEquals(trials, common);
  }

  @Test
  void unlimitedReleaseKeepsEveryCategoryExactlyInSortedOrder() {
    TreeMap<String, Long> counts = new TreeMap<>();
    counts.put("b", 2L);
    counts.put("a", 1L);
    CategoryDomains.Release rel = CategoryDomains.thresholded(counts, Double.POSITIVE_INFINITY, 1e-9,
        TestNoise.seeded(2));
    assertEquals(List.of("a", "b"), rel.categories());
    assertEquals(1.0, rel.noisyCounts()[0]);
    assertEquals(2.0, rel.noisyCounts()[1]);
  }

  @Test
  void publicDomainCountsAreNoisyButNonNegative() {
    double[] noisy = CategoryDomains.overPublicDomain(new long[] {0, 0, 1000}, 0.5, TestNoise.seeded(3));
    for (double x : noisy) {
      assertTrue(x >= 0);
    }
    assertEquals(1000, noisy[2], 10);
  }

  @Test
  void boundsCoverTheBulkOfTheData() {
    RandomGenerator data = Seeds.stream(4, "data");
    double[] xs = new double[20_000];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = 30 + 40 * data.nextDouble();
    }
    DpBounds.Bounds b = DpBounds.release(xs, 0.05, TestNoise.seeded(4));
    assertTrue(b.lower() <= 31 && b.lower() >= 20, "lower " + b.lower());
    assertTrue(b.upper() >= 69 && b.upper() <= 100, "upper " + b.upper());
  }

  @Test
  void boundsIgnoreASingleOutlier() {
    double[] xs = new double[10_001];
    for (int i = 0; i < 10_000; i++) {
      xs[i] = i % 100;
    }
    xs[10_000] = 1e9;
    DpBounds.Bounds b = DpBounds.release(xs, 0.05, TestNoise.seeded(5));
    assertTrue(b.upper() < 1000, "upper " + b.upper());
  }

  @Test
  void tooLittleBudgetForTheRowsGivesThePublicUnitRangeNotANoisyBucket() {
    double[] xs = new double[40];
    java.util.Arrays.fill(xs, 1);
    for (int seed = 0; seed < 50; seed++) {
      DpBounds.Bounds b = DpBounds.release(xs, 1e-6, TestNoise.seeded(seed));
      assertEquals(0, b.lower(), "seed " + seed);
      assertEquals(1, b.upper(), "seed " + seed);
    }
  }

  @Test
  void unlimitedBoundsAreTheExactRange() {
    DpBounds.Bounds b = DpBounds.release(new double[] {3, -2, 8}, Double.POSITIVE_INFINITY, TestNoise.seeded(6));
    assertEquals(-2, b.lower());
    assertEquals(8, b.upper());
  }

  @Test
  void quantileLandsNearTheTrueOne() {
    double[] xs = new double[10_000];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = i / 100.0;
    }
    double[] grid = new double[101];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = i;
    }
    double median = DpQuantiles.quantile(xs, 0.5, grid, 1.0, TestNoise.seeded(7));
    assertTrue(Math.abs(median - 50) <= 2, "median " + median);
    assertEquals(50, DpQuantiles.quantile(xs, 0.5, grid, Double.POSITIVE_INFINITY, TestNoise.seeded(7)));
    assertFalse(Double.isNaN(DpQuantiles.quantile(new double[0], 0.5, grid, 1.0, TestNoise.seeded(7))));
  }

  @Test
  void quantileRejectsBadGrids() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DpQuantiles.quantile(new double[] {1}, 0.5, new double[] {1, 1}, 1, TestNoise.seeded(8)));
    assertEquals("grid[1]: 1.0 (expected: > 1.0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DpQuantiles.quantile(new double[] {1}, 2, new double[] {1}, 1, TestNoise.seeded(8)));
    assertEquals("q: 2.0 (expected: >= 0 and <= 1)", e.getMessage());
  }
}
