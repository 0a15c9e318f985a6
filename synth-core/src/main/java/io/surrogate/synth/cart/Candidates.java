package io.surrogate.synth.cart;

/**
 * The public grid of candidate splits over a list of predictor columns, and their Gini scores from a
 * node's count table. The grid depends only on the coders (public or already released), never on rows.
 */
final class Candidates {
  final int[] predictors;
  final int[] column;
  final byte[] kind;
  final int[] value;
  private final int[] start;
  private final int[] cardinality;

  Candidates(int[] predictors, ColumnCoder[] coders) {
    this.predictors = predictors.clone();
    this.start = new int[predictors.length + 1];
    this.cardinality = new int[predictors.length];
    int total = 0;
    for (int p = 0; p < predictors.length; p++) {
      ColumnCoder c = coders[predictors[p]];
      cardinality[p] = c.cardinality();
      start[p] = total;
      total += (c.cardinality() - 1) + (c.isCategorical() ? c.cardinality() : 0);
    }
    start[predictors.length] = total;
    column = new int[total];
    kind = new byte[total];
    value = new int[total];
    for (int p = 0; p < predictors.length; p++) {
      int i = start[p];
      int card = cardinality[p];
      for (int v = 0; v < card - 1; v++, i++) {
        column[i] = predictors[p];
        kind[i] = Tree.LESS_EQUAL;
        value[i] = v;
      }
      for (; i < start[p + 1]; i++) {
        column[i] = predictors[p];
        kind[i] = Tree.EQUAL;
        value[i] = i - start[p] - (card - 1);
      }
    }
  }

  int size() {
    return column.length;
  }

  /**
   * Writes the Gini quality of each of predictor p's candidates into {@code out}, from the count
   * table {@code counts[offset + c·ct + y]} of predictor code c and target code y.
   */
  void score(int p, int[] counts, int offset, int ct, double[] out) {
    int cj = cardinality[p];
    double[] total = new double[ct];
    for (int c = 0; c < cj; c++) {
      for (int y = 0; y < ct; y++) {
        total[y] += counts[offset + c * ct + y];
      }
    }
    double n = sum(total);
    double[] left = new double[ct];
    double[] right = new double[ct];
    int i = start[p];
    for (int v = 0; v < cj - 1; v++, i++) {
      for (int y = 0; y < ct; y++) {
        left[y] += counts[offset + v * ct + y];
        right[y] = total[y] - left[y];
      }
      out[i] = purity(left) + purity(right) - n;
    }
    for (int v = 0; i < start[p + 1]; v++, i++) {
      for (int y = 0; y < ct; y++) {
        left[y] = counts[offset + v * ct + y];
        right[y] = total[y] - left[y];
      }
      out[i] = purity(left) + purity(right) - n;
    }
  }

  /** Σ n_y² / n, or 0 for an empty child. */
  static double purity(double[] counts) {
    double n = 0;
    double sq = 0;
    for (double c : counts) {
      n += c;
      sq += c * c;
    }
    return n == 0 ? 0 : sq / n;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
