package io.surrogate.synth.copula;

import java.util.random.RandomGenerator;

/**
 * One column's released distribution: its {@link Cells} with a probability per cell, stored as a
 * cumulative table with a guide table (Chen &amp; Asau's indexed search), so a uniform draw maps to its
 * cell in about one step, with no iterative inverse and few unpredictable branches.
 */
final class Marginal {
  final Cells cells;
  /** cum[k] = P(cell ≤ k); the last entry is 1. */
  final double[] cum;
  private final int lastPositive;
  /** guide[g] = first cell k with cum[k] &gt; g/guide.length. */
  private final int[] guide;

  Marginal(Cells cells, double[] cum) {
    this.cells = cells;
    this.cum = cum;
    int last = 0;
    for (int k = 0; k < cum.length; k++) {
      if (cell(k) > 0) {
        last = k;
      }
    }
    this.lastPositive = last;
    this.guide = new int[Math.max(64, 4 * cum.length)];
    int k = 0;
    for (int g = 0; g < guide.length; g++) {
      double floor = (double) g / guide.length;
      while (k < lastPositive && cum[k] <= floor) {
        k++;
      }
      guide[g] = k;
    }
  }

  /** A marginal from non-negative weights (uniform when they are all 0). */
  static Marginal fromWeights(Cells cells, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double[] cum = new double[weights.length];
    double run = 0;
    for (int k = 0; k < weights.length; k++) {
      run += total > 0 ? weights[k] / total : 1.0 / weights.length;
      cum[k] = run;
    }
    cum[cum.length - 1] = 1;
    return new Marginal(cells, cum);
  }

  /** Probability of cell k. */
  double cell(int k) {
    return k == 0 ? cum[0] : cum[k] - cum[k - 1];
  }

  /**
   * The uniform score of a data value: its cell's CDF interval, entered at the value's position for a
   * range cell and at a random point (drawn from {@code jitter}) otherwise, so scores have no ties.
   * A value in no cell gets an independent uniform score.
   */
  double score(Object value, RandomGenerator jitter) {
    int k = cells.cellOf(value);
    double r = jitter.nextDouble();
    if (k < 0) {
      return r;
    }
    double pos = cells.type[k] == Cells.RANGE ? cells.position(value, k) : r;
    double start = k == 0 ? 0 : cum[k - 1];
    return start + pos * cell(k);
  }

  /** The value drawn at uniform u in [0, 1]. */
  Object value(double u) {
    int l = guide[Math.min(guide.length - 1, (int) (u * guide.length))];
    while (l < lastPositive && cum[l] <= u) {
      l++;
    }
    double start = l == 0 ? 0 : cum[l - 1];
    double p = cum[l] - start;
    double w = p > 0 ? (u - start) / p : 0.5;
    return cells.valueAt(l, Math.max(0, Math.min(1, w)));
  }
}
