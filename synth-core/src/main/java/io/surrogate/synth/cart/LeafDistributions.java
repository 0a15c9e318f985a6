package io.surrogate.synth.cart;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a tree's noisy leaf histograms into sampling distributions by post-processing only: an
 * internal node's histogram is the sum of its children's noisy ones; noisy counts under
 * {@value #NOISE_FLOOR} standard deviations of that node's noise count as 0; a leaf whose noisy total
 * is under {@code minLeaf} (or has no mass left) uses its nearest ancestor that qualifies; and codes that
 * may not be sampled get no mass.
 */
final class LeafDistributions {
  /** Noisy counts under this many standard deviations are treated as empty (noise, not signal). */
  static final double NOISE_FLOOR = 1.0;

  private LeafDistributions() {
  }

  /**
   * @param hist noisy histograms per node: leaves filled, internal nodes zero (filled here)
   * @param parent parent per node (-1 for the root); children come after parents
   * @param left left child per node, -1 for leaves
   * @param sigma noise standard deviation of one leaf cell
   * @param distribution receives, per leaf, its index in the returned list
   * @return the distinct cumulative distributions, each ending at exactly 1
   */
  static double[][] cdfs(double[][] hist, int[] parent, int[] left, ColumnCoder coder, double minLeaf,
      double sigma, int[] distribution) {
    int nodes = parent.length;
    int[] leavesUnder = new int[nodes];
    for (int node = nodes - 1; node >= 0; node--) {
      if (left[node] < 0) {
        leavesUnder[node] = 1;
      }
      if (node > 0) {
        leavesUnder[parent[node]] += leavesUnder[node];
        for (int k = 0; k < hist[node].length; k++) {
          hist[parent[node]][k] += hist[node][k];
        }
      }
    }
    int[] cached = new int[nodes];
    java.util.Arrays.fill(cached, -1);
    List<double[]> out = new ArrayList<>();
    for (int leaf = 0; leaf < nodes; leaf++) {
      if (left[leaf] >= 0) {
        continue;
      }
      int node = leaf;
      double[] h = floored(hist[node], coder, sigma * Math.sqrt(leavesUnder[node]));
      while (node > 0 && (total(hist[node], coder) < minLeaf || positiveMass(h, coder) <= 0)) {
        node = parent[node];
        h = floored(hist[node], coder, sigma * Math.sqrt(leavesUnder[node]));
      }
      if (cached[node] < 0) {
        cached[node] = out.size();
        out.add(cdf(h, coder));
      }
      distribution[leaf] = cached[node];
    }
    return out.toArray(new double[0][]);
  }

  private static double[] floored(double[] noisy, ColumnCoder coder, double sigma) {
    double[] h = noisy.clone();
    for (int k = 0; k < h.length; k++) {
      h[k] = h[k] < NOISE_FLOOR * sigma ? 0 : h[k];
    }
    return h;
  }

  private static double total(double[] h, ColumnCoder coder) {
    double s = 0;
    for (int k = 0; k < h.length; k++) {
      if (coder.isSampleable(k)) {
        s += h[k];
      }
    }
    return s;
  }

  private static double positiveMass(double[] h, ColumnCoder coder) {
    double s = 0;
    for (int k = 0; k < h.length; k++) {
      if (coder.isSampleable(k) && h[k] > 0) {
        s += h[k];
      }
    }
    return s;
  }

  private static double[] cdf(double[] h, ColumnCoder coder) {
    double mass = positiveMass(h, coder);
    int sampleable = 0;
    for (int k = 0; k < h.length; k++) {
      sampleable += coder.isSampleable(k) ? 1 : 0;
    }
    double[] cdf = new double[h.length];
    double acc = 0;
    int last = -1;
    for (int k = 0; k < h.length; k++) {
      if (coder.isSampleable(k)) {
        acc += mass > 0 ? Math.max(0, h[k]) / mass : 1.0 / sampleable;
        last = k;
      }
      cdf[k] = acc;
    }
    // Pin the end to exactly 1 so rounding can never let a draw fall past the last sampleable code.
    for (int k = Math.max(last, 0); k < cdf.length; k++) {
      cdf[k] = 1.0;
    }
    return cdf;
  }
}
