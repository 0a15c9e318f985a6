package io.surrogate.eval;

import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairwise association matrix of a table's modelled columns: Pearson correlation in [−1, 1] for two numeric
 * columns, Cramér's V in [0, 1] for any pair with a categorical column (numeric partners binned on the real
 * range), so real and synthetic matrices computed with the same {@link Associations} share one scale.
 *
 * @param columns the modelled columns, in table order
 * @param numeric whether each column is treated as a number
 * @param values symmetric matrix; NaN where a pair has no defined association (a constant column)
 */
public record Associations(List<String> columns, boolean[] numeric, double[][] values) {

  /** Equal-width bins a numeric column gets when paired with a categorical one. */
  static final int BINS = 10;

  /** The value at (i, j). */
  public double get(int i, int j) {
    return values[i][j];
  }

  /** Whether the pair (i, j) is scored with Pearson's r (both numeric) rather than Cramér's V. */
  public boolean isPearson(int i, int j) {
    return numeric[i] && numeric[j];
  }

  /**
   * The association matrices of {@code real} and {@code synthetic} (same spec); numeric bins for Cramér's V come
   * from the real range so both sides are cut alike.
   */
  public static Associations[] of(TableData real, TableData synthetic) {
    TableSpec spec = real.spec();
    List<Integer> idx = new ArrayList<>();
    for (int c = 0; c < spec.width(); c++) {
      if (spec.column(c).isModelled()) {
        idx.add(c);
      }
    }
    int n = idx.size();
    List<String> names = new ArrayList<>();
    boolean[] numeric = new boolean[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      ColumnSpec col = spec.column(idx.get(i));
      names.add(col.name());
      numeric[i] = Distances.isNumeric(col.kind());
      lo[i] = Double.POSITIVE_INFINITY;
      hi[i] = Double.NEGATIVE_INFINITY;
      if (numeric[i]) {
        for (Object v : real.column(idx.get(i))) {
          if (v != null) {
            lo[i] = Math.min(lo[i], Distances.toDouble(v));
            hi[i] = Math.max(hi[i], Distances.toDouble(v));
          }
        }
      }
    }
    return new Associations[] {matrix(real, idx, names, numeric, lo, hi),
        matrix(synthetic, idx, names, numeric, lo, hi)};
  }

  private static Associations matrix(TableData data, List<Integer> idx, List<String> names, boolean[] numeric,
      double[] lo, double[] hi) {
    int n = idx.size();
    Object[][] cols = new Object[n][];
    for (int i = 0; i < n; i++) {
      cols[i] = data.column(idx.get(i));
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double v;
        if (numeric[i] && numeric[j]) {
          v = pearson(cols[i], cols[j]);
        } else {
          v = cramersV(codes(cols[i], numeric[i], lo[i], hi[i]), codes(cols[j], numeric[j], lo[j], hi[j]));
        }
        m[i][j] = v;
        m[j][i] = v;
      }
    }
    return new Associations(List.copyOf(names), numeric.clone(), m);
  }

  /** Pearson's r over rows where both values are non-null; NaN when either side is constant. */
  static double pearson(Object[] a, Object[] b) {
    double sa = 0;
    double sb = 0;
    int n = 0;
    for (int r = 0; r < a.length; r++) {
      if (a[r] != null && b[r] != null) {
        sa += Distances.toDouble(a[r]);
        sb += Distances.toDouble(b[r]);
        n++;
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    double ma = sa / n;
    double mb = sb / n;
    double cov = 0;
    double va = 0;
    double vb = 0;
    for (int r = 0; r < a.length; r++) {
      if (a[r] != null && b[r] != null) {
        double x = Distances.toDouble(a[r]) - ma;
        double y = Distances.toDouble(b[r]) - mb;
        cov += x * y;
        va += x * x;
        vb += y * y;
      }
    }
    return va > 0 && vb > 0 ? Math.max(-1, Math.min(1, cov / Math.sqrt(va * vb))) : Double.NaN;
  }

  // NULL is a category of its own, as in the pair-trend metrics; values outside the real range clamp to the
  // outer bins.
  private static int[] codes(Object[] values, boolean numeric, double lo, double hi) {
    int[] out = new int[values.length];
    Map<Object, Integer> seen = new HashMap<>();
    double width = hi > lo ? (hi - lo) / BINS : 1;
    for (int r = 0; r < values.length; r++) {
      Object v = values[r];
      if (v == null) {
        out[r] = -1;
      } else if (numeric) {
        int b = (int) Math.floor((Distances.toDouble(v) - lo) / width);
        out[r] = Math.max(0, Math.min(BINS - 1, b));
      } else {
        out[r] = seen.computeIfAbsent(v, k -> seen.size());
      }
    }
    return out;
  }

  /** Cramér's V of two coded columns (code −1 = NULL); NaN when either has a single category. */
  static double cramersV(int[] a, int[] b) {
    Map<Integer, Integer> rowIndex = new HashMap<>();
    Map<Integer, Integer> colIndex = new HashMap<>();
    for (int r = 0; r < a.length; r++) {
      rowIndex.putIfAbsent(a[r], rowIndex.size());
      colIndex.putIfAbsent(b[r], colIndex.size());
    }
    int k = rowIndex.size();
    int l = colIndex.size();
    if (k < 2 || l < 2) {
      return Double.NaN;
    }
    double[][] table = new double[k][l];
    double[] rows = new double[k];
    double[] cols = new double[l];
    for (int r = 0; r < a.length; r++) {
      int i = rowIndex.get(a[r]);
      int j = colIndex.get(b[r]);
      table[i][j]++;
      rows[i]++;
      cols[j]++;
    }
    double n = a.length;
    double chi2 = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < l; j++) {
        double expected = rows[i] * cols[j] / n;
        double d = table[i][j] - expected;
        chi2 += d * d / expected;
      }
    }
    return Math.min(1, Math.sqrt(chi2 / (n * (Math.min(k, l) - 1))));
  }
}
