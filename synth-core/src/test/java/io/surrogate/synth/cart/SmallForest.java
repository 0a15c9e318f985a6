package io.surrogate.synth.cart;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A small bagged regression forest for the utility check (test scope only): each tree is grown on a
 * bootstrap sample, splitting on the best variance reduction among a random third of the features.
 * Classification uses it on a 0/1 target and thresholds the prediction at 0.5.
 */
final class SmallForest {
  private final Node[] trees;

  private SmallForest(Node[] trees) {
    this.trees = trees;
  }

  private record Node(int feature, double threshold, Node left, Node right, double value) {
    double predict(double[] x) {
      Node n = this;
      while (n.left != null) {
        n = x[n.feature] <= n.threshold ? n.left : n.right;
      }
      return n.value;
    }
  }

  static SmallForest fit(double[][] x, double[] y, int trees, int maxDepth, int minLeaf, RandomGenerator random) {
    Node[] out = new Node[trees];
    for (int t = 0; t < trees; t++) {
      int[] rows = new int[x.length];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = random.nextInt(x.length);
      }
      out[t] = grow(x, y, rows, 0, maxDepth, minLeaf, random);
    }
    return new SmallForest(out);
  }

  double predict(double[] x) {
    double s = 0;
    for (Node n : trees) {
      s += n.predict(x);
    }
    return s / trees.length;
  }

  private static Node grow(double[][] x, double[] y, int[] rows, int depth, int maxDepth, int minLeaf,
      RandomGenerator random) {
    double mean = 0;
    for (int r : rows) {
      mean += y[r];
    }
    mean /= rows.length;
    if (depth >= maxDepth || rows.length < 2 * minLeaf) {
      return new Node(-1, 0, null, null, mean);
    }
    int features = x[0].length;
    int tries = Math.max(1, features / 3);
    double bestGain = 1e-12;
    int bestFeature = -1;
    double bestThreshold = 0;
    Integer[] order = new Integer[rows.length];
    for (int k = 0; k < tries; k++) {
      int f = random.nextInt(features);
      for (int i = 0; i < rows.length; i++) {
        order[i] = rows[i];
      }
      Arrays.sort(order, (a, b) -> Double.compare(x[a][f], x[b][f]));
      double total = 0;
      double totalSq = 0;
      for (int r : rows) {
        total += y[r];
        totalSq += y[r] * y[r];
      }
      double sse = totalSq - total * total / rows.length;
      double left = 0;
      double leftSq = 0;
      for (int i = 0; i < order.length - 1; i++) {
        double v = y[order[i]];
        left += v;
        leftSq += v * v;
        int nl = i + 1;
        int nr = order.length - nl;
        if (nl < minLeaf || nr < minLeaf || x[order[i]][f] == x[order[i + 1]][f]) {
          continue;
        }
        double right = total - left;
        double rightSq = totalSq - leftSq;
        double split = (leftSq - left * left / nl) + (rightSq - right * right / nr);
        if (sse - split > bestGain) {
          bestGain = sse - split;
          bestFeature = f;
          bestThreshold = (x[order[i]][f] + x[order[i + 1]][f]) / 2;
        }
      }
    }
    if (bestFeature < 0) {
      return new Node(-1, 0, null, null, mean);
    }
    final int f = bestFeature;
    final double t = bestThreshold;
    int[] l = Arrays.stream(rows).filter(r -> x[r][f] <= t).toArray();
    int[] rr = Arrays.stream(rows).filter(r -> x[r][f] > t).toArray();
    return new Node(f, t, grow(x, y, l, depth + 1, maxDepth, minLeaf, random),
        grow(x, y, rr, depth + 1, maxDepth, minLeaf, random), mean);
  }
}
