package io.surrogate.synth.dp;

import java.util.Arrays;

/**
 * DP quantiles over a public grid with the exponential mechanism: grid point g scores
 * {@code −|#{x < g} − q·n|}, which changes by at most 1 when one row is added or removed.
 */
public final class DpQuantiles {
  private DpQuantiles() {
  }

  /**
   * The grid point released as the q-quantile of {@code values} at ε (ε-DP, ε²/8-zCDP).
   *
   * @param values data values (need not be sorted; NaN not allowed)
   * @param q quantile in [0, 1]
   * @param grid public candidate points in increasing order
   */
  public static double quantile(double[] values, double q, double[] grid, double epsilon, NoiseSource random) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q: " + q + " (expected: >= 0 and <= 1)");
    }
    if (grid.length == 0) {
      throw new IllegalArgumentException("grid: empty (expected: at least one point)");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double target = q * sorted.length;
    double[] scores = new double[grid.length];
    for (int i = 0; i < grid.length; i++) {
      if (i > 0 && !(grid[i] > grid[i - 1])) {
        throw new IllegalArgumentException("grid[" + i + "]: " + grid[i] + " (expected: > " + grid[i - 1] + ")");
      }
      scores[i] = -Math.abs(rankBelow(sorted, grid[i]) - target);
    }
    return grid[ExponentialMechanism.select(scores, 1, epsilon, random)];
  }

  /** Number of sorted values strictly below x. */
  static int rankBelow(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
