package io.surrogate.synth.relational;

import io.surrogate.synth.dp.DiscreteLaplace;
import io.surrogate.synth.dp.NoiseSource;
import io.surrogate.synth.sample.Seeds;
import java.util.List;
import java.util.Map;

/**
 * A DP-weighted choice over a public list of real parent keys (a {@code mode: real} reference table): the
 * child's foreign-key frequencies are released with discrete Laplace noise, then each child row draws its key with a
 * stream seeded by (seed, row), so rows are reproducible alone.
 */
public final class KeyHistogram {
  private final List<Object> keys;
  private final double[] cumulative;

  private KeyHistogram(List<Object> keys, double[] weights) {
    this.keys = List.copyOf(keys);
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    cumulative = new double[weights.length];
    double running = 0;
    for (int i = 0; i < weights.length; i++) {
      running += total > 0 ? weights[i] / total : 1.0 / weights.length;
      cumulative[i] = running;
    }
    cumulative[weights.length - 1] = 1.0;
  }

  /**
   * Releases frequencies of {@code childCounts} over the public {@code keys}; one child row changes one
   * count by 1 (L1 sensitivity 1 per row, times the group factor the caller folds into ε). Counts of values
   * not in {@code keys} are ignored, so no unlisted real value can appear.
   */
  public static KeyHistogram release(List<?> keys, Map<?, Long> childCounts, double epsilon,
      NoiseSource noise) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("real parent keys: none (expected: at least one key)");
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon: " + epsilon + " (expected: > 0)");
    }
    double[] weights = new double[keys.size()];
    for (int i = 0; i < weights.length; i++) {
      long c = childCounts.getOrDefault(keys.get(i), 0L);
      weights[i] = Math.max(0, DiscreteLaplace.release(c, 1, epsilon, noise));
    }
    return new KeyHistogram(List.copyOf(keys), weights);
  }

  /** A uniform choice over synthetic keys 1..n (a second, non-driving synthetic parent). */
  public static KeyHistogram uniform(long parentRows) {
    if (parentRows <= 0 || parentRows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("parent rows: " + parentRows + " (expected: 1.." + Integer.MAX_VALUE + ")");
    }
    Object[] keys = new Object[(int) parentRows];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = (long) (i + 1);
    }
    return new KeyHistogram(List.of(keys), new double[keys.length]);
  }

  /** The key of child row {@code row}, the same for the same (seed, row). */
  public Object keyFor(long seed, long row) {
    double u = Seeds.stream(Seeds.stream(seed, "fk-choice").nextLong(), row).nextDouble();
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (u < cumulative[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return keys.get(lo);
  }
}
