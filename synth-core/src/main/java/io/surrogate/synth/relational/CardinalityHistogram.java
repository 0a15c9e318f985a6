package io.surrogate.synth.relational;

import io.surrogate.synth.dp.DiscreteLaplace;
import io.surrogate.synth.dp.NoiseSource;
import io.surrogate.synth.sample.Seeds;
import java.util.Arrays;

/**
 * A DP-released distribution of "child rows per parent" over 0..cap, from which each synthetic parent's
 * child count is drawn with a stream seeded by (seed, parent key), so any parent range is reproducible alone.
 */
public final class CardinalityHistogram {
  private final double[] cumulative;

  private CardinalityHistogram(double[] weights) {
    double total = Arrays.stream(weights).sum();
    cumulative = new double[weights.length];
    double running = 0;
    for (int i = 0; i < weights.length; i++) {
      running += weights[i] / total;
      cumulative[i] = running;
    }
    cumulative[weights.length - 1] = 1.0;
  }

  /**
   * Releases the histogram of clipped per-parent counts with discrete Laplace noise of L1 sensitivity 1 (one parent
   * added or removed moves one unit); ε = +∞ releases it exactly. Negative noisy bins become 0; if every bin
   * is 0 the release falls back to one child per parent.
   */
  public static CardinalityHistogram release(long[] childrenPerParent, int cap, double epsilon,
      NoiseSource noise) {
    if (cap <= 0) {
      throw new IllegalArgumentException("max_rows_per_parent: " + cap + " (expected: > 0)");
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon: " + epsilon + " (expected: > 0)");
    }
    double[] bins = new double[cap + 1];
    for (long c : childrenPerParent) {
      if (c < 0) {
        throw new IllegalArgumentException("children per parent: " + c + " (expected: >= 0)");
      }
      bins[(int) Math.min(c, cap)]++;
    }
    boolean any = false;
    for (int i = 0; i < bins.length; i++) {
      bins[i] = Math.max(0, DiscreteLaplace.release((long) bins[i], 1, epsilon, noise));
      any |= bins[i] > 0;
    }
    if (!any) {
      bins[Math.min(1, cap)] = 1;
    }
    return new CardinalityHistogram(bins);
  }

  /** Rebuilds a released histogram from its stored weights (post-processing, no privacy cost). */
  public static CardinalityHistogram of(double[] weights) {
    if (weights.length == 0 || Arrays.stream(weights).anyMatch(w -> !(w >= 0))
        || !(Arrays.stream(weights).sum() > 0)) {
      throw new IllegalArgumentException("cardinality weights: " + Arrays.toString(weights)
          + " (expected: non-negative, not all zero)");
    }
    return new CardinalityHistogram(weights.clone());
  }

  /** The largest count this histogram can draw (the cap). */
  public int cap() {
    return cumulative.length - 1;
  }

  /** Probability of each count 0..cap, for storing the release. */
  public double[] probabilities() {
    double[] p = new double[cumulative.length];
    double previous = 0;
    for (int i = 0; i < p.length; i++) {
      // Rounding can carry the running sum a hair past 1 before the last bin is pinned to 1: no negative weight.
      p[i] = Math.max(0, cumulative[i] - previous);
      previous = cumulative[i];
    }
    return p;
  }

  /** The child count of synthetic parent {@code parentKey}, the same for the same (seed, key). */
  public int countFor(long seed, long parentKey) {
    double u = Seeds.uniform(Seeds.purpose(seed, "cardinality"), parentKey);
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }
}
