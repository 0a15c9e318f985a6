package io.surrogate.synth.cart;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.dp.DiscreteGaussian;
import io.surrogate.synth.dp.Gaussian;
import io.surrogate.synth.dp.NoiseSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Builds a column's {@link ColumnCoder} from what the policy declares public, or from a DP release when
 * it declares nothing.
 *
 * <p>Categories: a Gaussian noisy count per distinct value, kept only above the stability threshold
 * {@code 1 + σ·Φ⁻¹(1 − δ_c)}, so a category held by one row appears with probability at most δ_c
 * (the released set is then sorted, so its order says nothing of the counts). Numeric bounds: a
 * Gaussian noisy histogram over a fixed public grid of signed magnitudes (0, ±{1, 2, 5}·10^k); the
 * bounds are the outer edges of the run of buckets around the fullest one whose noisy counts exceed
 * three standard deviations (gaps of up to two buckets allowed). Under ε = ∞ both are exact (every
 * category seen; true min and max).
 */
final class DomainRelease {
  private static final double[] GRID = grid();
  private static final double BUCKET_SIGMAS = 3;
  private static final int GAP = 2;

  private DomainRelease() {
  }

  /** Whether this column's coder needs a data release (nothing public to build it from). */
  static boolean needsRelease(ColumnSpec spec) {
    if (spec.kind() == ColumnKind.BOOLEAN) {
      return false;
    }
    return spec.kind() == ColumnKind.CATEGORICAL ? !spec.hasDomain() : !spec.hasBounds();
  }

  /** A coder from public facts alone; only valid when {@link #needsRelease} is false. */
  static ColumnCoder publicCoder(ColumnSpec spec, int bins) {
    if (spec.kind() == ColumnKind.BOOLEAN) {
      return ColumnCoder.categorical(spec, List.of("false", "true"));
    }
    if (spec.kind() == ColumnKind.CATEGORICAL) {
      return ColumnCoder.categorical(spec, spec.domain());
    }
    return ColumnCoder.numeric(spec, spec.lower(), spec.upper(), bins);
  }

  /**
   * Releases a category list at cost ρ (+∞: exact) with failure probability {@code delta}.
   *
   * @throws IllegalArgumentException when no category survives the threshold
   */
  static ColumnCoder categories(ColumnSpec spec, Object[] values, double rho, double delta,
      NoiseSource random) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Object v : values) {
      if (v != null) {
        counts.merge((String) v, 1, Integer::sum);
      }
    }
    double sigma = Gaussian.sigma(1, rho);
    double threshold = Double.isInfinite(rho) ? 0.5
        : 1 + DiscreteGaussian.thresholdSlack(sigma) + sigma * new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - delta);
    List<String> kept = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() + (sigma == 0 ? 0 : DiscreteGaussian.sample(sigma, random)) > threshold) {
        kept.add(e.getKey());
      }
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("column " + spec.name() + ": no category survived the noisy threshold "
          + String.format(Locale.ROOT, "%.1f", threshold)
          + " (expected: a public domain in the policy, or a larger epsilon)");
    }
    return ColumnCoder.categorical(spec, kept);
  }

  /** Releases numeric bounds at cost ρ (+∞: exact min and max). */
  static ColumnCoder bounds(ColumnSpec spec, Object[] values, double rho, int bins, NoiseSource random) {
    if (Double.isInfinite(rho)) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (Object v : values) {
        if (v != null) {
          double x = ColumnCoder.toDouble(v);
          if (!Double.isNaN(x)) {
            min = Math.min(min, x);
            max = Math.max(max, x);
          }
        }
      }
      return min <= max ? ColumnCoder.numeric(spec, min, max, bins) : ColumnCoder.numeric(spec, 0, 0, bins);
    }
    double[] noisy = new double[GRID.length + 1];
    for (Object v : values) {
      if (v != null) {
        double x = ColumnCoder.toDouble(v);
        if (!Double.isNaN(x)) {
          noisy[bucket(x)]++;
        }
      }
    }
    double sigma = Gaussian.sigma(1, rho);
    int top = 0;
    for (int b = 0; b < noisy.length; b++) {
      noisy[b] += DiscreteGaussian.sample(sigma, random);
      top = noisy[b] > noisy[top] ? b : top;
    }
    int first = extend(noisy, top, -1, BUCKET_SIGMAS * sigma);
    int last = extend(noisy, top, +1, BUCKET_SIGMAS * sigma);
    return ColumnCoder.numeric(spec, lowerEdge(first), upperEdge(last), bins);
  }

  /**
   * Walks from the fullest bucket in one direction while a bucket above the threshold lies within
   * {@value #GAP} buckets; growing from the mode means a lone noisy bucket far away cannot stretch the
   * bounds, so a low threshold is safe.
   */
  private static int extend(double[] noisy, int top, int step, double threshold) {
    int edge = top;
    for (int b = top + step, misses = 0; b >= 0 && b < noisy.length && misses <= GAP; b += step) {
      if (noisy[b] > threshold) {
        edge = b;
        misses = 0;
      } else {
        misses++;
      }
    }
    return edge;
  }

  /** Bucket b holds [GRID[b-1], GRID[b]); bucket 0 and the last are the open ends. */
  private static int bucket(double x) {
    int i = Arrays.binarySearch(GRID, x);
    return i >= 0 ? i + 1 : -i - 1;
  }

  private static double lowerEdge(int b) {
    return b == 0 ? GRID[0] : GRID[b - 1];
  }

  private static double upperEdge(int b) {
    return b >= GRID.length ? GRID[GRID.length - 1] : GRID[b];
  }

  private static double[] grid() {
    List<Double> g = new ArrayList<>();
    g.add(0.0);
    for (int k = -3; k <= 10; k++) {
      for (int m : new int[] {1, 2, 5}) {
        double v = m * StrictMath.pow(10, k);
        g.add(v);
        g.add(-v);
      }
    }
    return g.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }
}
