package io.surrogate.synth.dp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Releases bounds for a numeric column whose policy declares none, in two discrete Gaussian noisy-histogram
 * stages of half the budget each.
 *
 * <p>Stage 1 counts values in the buckets of a public, data-independent grid of signed magnitudes
 * (0, ±{1, 2, 5}·10^k for k = −4..12) and keeps the outer edges of the first and last bucket whose
 * noisy count clears {@code 1 + σ·Φ⁻¹(1 − β/B)} (B buckets, so an empty bucket passes with probability at
 * most β in all). Stage 2 splits that range into 16 equal buckets (few, so that thin tails still clear the threshold) and tightens to the first and last one
 * that clears the same kind of threshold. Each stage is a histogram with L2 sensitivity 1. Values
 * outside the released bounds are clamped by the caller; under ρ = +∞ the bounds are the exact min and max.
 * When no coarse bucket clears (too little budget for the rows), the range is the public [0, 1]: taking the
 * noisiest bucket instead served a 0/1 column as 2.7·10¹⁰, beyond its integer type.
 */
public final class DpBounds {
  /** Buckets of the second, refining stage. */
  public static final int FINE_BUCKETS = 16;
  private static final double[] GRID = grid();
  private static final double FALSE_POSITIVE = 1e-3;

  private DpBounds() {
  }

  /**
   * Released bounds, lower ≤ upper.
   *
   * @param lower lower bound
   * @param upper upper bound
   */
  public record Bounds(double lower, double upper) {
    /** These bounds inside the public range [min, max] (post-processing: no privacy cost). */
    public Bounds within(double min, double max) {
      double lo = Math.min(Math.max(lower, min), max);
      double hi = Math.max(Math.min(upper, max), lo);
      return new Bounds(lo, hi);
    }

  }

  /** The public grid of stage 1, increasing. */
  public static double[] grid() {
    List<Double> g = new ArrayList<>();
    g.add(0.0);
    for (int k = -4; k <= 12; k++) {
      for (int m : new int[] {1, 2, 5}) {
        double v = m * StrictMath.pow(10, k);
        g.add(v);
        g.add(-v);
      }
    }
    return g.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  /**
   * Releases bounds of {@code values} (non-null, finite) at cost ρ, or their exact min and max when ρ = +∞
   * ({@code [0, 0]} for no values).
   */
  public static Bounds release(double[] values, double rho, NoiseSource random) {
    if (Double.isInfinite(rho)) {
      return exact(values);
    }
    Mechanisms.checkRho(rho);
    double sigma = Gaussian.sigma(1, rho / 2);
    double[] coarse = new double[GRID.length + 1];
    for (double x : values) {
      coarse[coarseBucket(x)]++;
    }
    int[] kept = keptRange(coarse, sigma, random);
    double lo;
    double hi;
    if (kept == null) {
      lo = 0;
      hi = 1;
    } else {
      lo = kept[0] == 0 ? GRID[0] : GRID[kept[0] - 1];
      hi = kept[1] >= GRID.length ? GRID[GRID.length - 1] : GRID[kept[1]];
    }
    double width = (hi - lo) / FINE_BUCKETS;
    double[] fine = new double[FINE_BUCKETS];
    for (double x : values) {
      int b = (int) Math.floor((x - lo) / width);
      fine[Math.max(0, Math.min(FINE_BUCKETS - 1, b))]++;
    }
    int[] tight = keptRange(fine, sigma, random);
    if (tight == null) {
      return new Bounds(lo, hi);
    }
    double lower = lo + tight[0] * width;
    double upper = tight[1] == FINE_BUCKETS - 1 ? hi : lo + (tight[1] + 1) * width;
    return new Bounds(lower, upper);
  }

  private static Bounds exact(double[] values) {
    if (values.length == 0) {
      return new Bounds(0, 0);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : values) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    return new Bounds(min, max);
  }

  /** Adds noise to every count and returns the first and last index above threshold, or null when none is. */
  private static int[] keptRange(double[] counts, double sigma, NoiseSource random) {
    double threshold = DiscreteGaussian.thresholdSlack(sigma)
        + sigma * NormalQuantile.inverse(1 - FALSE_POSITIVE / counts.length);
    int first = -1;
    int last = -1;
    for (int b = 0; b < counts.length; b++) {
      double noisy = counts[b] + DiscreteGaussian.sample(sigma, random);
      if (noisy > threshold) {
        first = first < 0 ? b : first;
        last = b;
      }
    }
    return first < 0 ? null : new int[] {first, last};
  }

  /** Bucket b holds [GRID[b−1], GRID[b]); bucket 0 and the last are the open ends. */
  static int coarseBucket(double x) {
    int i = Arrays.binarySearch(GRID, x);
    return i >= 0 ? i + 1 : -i - 1;
  }
}
