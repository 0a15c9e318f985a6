package io.surrogate.synth.relational;

import io.surrogate.synth.dp.DiscreteLaplace;
import io.surrogate.synth.dp.NoiseSource;
import io.surrogate.synth.sample.Seeds;

/**
 * Serves a self-referencing foreign key (employee → manager): row key r points at an earlier key in
 * 1..r−1, or is NULL at a DP-released rate (key 1 is always NULL, a root), so the reference graph is a forest.
 */
public final class SelfReference {
  private final double nullRate;

  private SelfReference(double nullRate) {
    this.nullRate = nullRate;
  }

  /** Releases the NULL rate from {@code nulls} of {@code rows} with two discrete Laplace counts at ε/2 each. */
  public static SelfReference release(long nulls, long rows, double epsilon, NoiseSource noise) {
    if (rows < 0 || nulls < 0 || nulls > rows) {
      throw new IllegalArgumentException("self-reference nulls/rows: " + nulls + "/" + rows
          + " (expected: 0 <= nulls <= rows)");
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon: " + epsilon + " (expected: > 0)");
    }
    double n = Math.max(0, DiscreteLaplace.release(nulls, 1, epsilon / 2, noise));
    double t = Math.max(1, DiscreteLaplace.release(rows, 1, epsilon / 2, noise));
    return new SelfReference(Math.min(1, n / t));
  }

  /** A self-reference with an already released NULL rate (read back from the catalog; no privacy cost). */
  public static SelfReference ofRate(double nullRate) {
    if (!(nullRate >= 0 && nullRate <= 1)) {
      throw new IllegalArgumentException("self-reference null rate: " + nullRate + " (expected: 0..1)");
    }
    return new SelfReference(nullRate);
  }

  /** The released NULL rate (post-processing input for storage). */
  public double nullRate() {
    return nullRate;
  }

  /** The referenced key of row key {@code key} (1-based), or null; the same for the same (seed, key). */
  public Long referenceFor(long seed, long key) {
    if (key <= 1) {
      return null;
    }
    long purpose = Seeds.purpose(seed, "self-reference");
    if (Seeds.uniform(purpose, 2 * key) < nullRate) {
      return null;
    }
    return 1 + Math.min(key - 2, (long) (Seeds.uniform(purpose, 2 * key + 1) * (key - 1)));
  }
}
