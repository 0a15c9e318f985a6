package io.surrogate.synth.copula;

import io.surrogate.synth.dp.Gaussian;
import io.surrogate.synth.dp.NoiseSource;
import io.surrogate.synth.dp.NormalQuantile;
import io.surrogate.synth.dp.ZcdpAccountant;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Releases the copula's latent correlation matrix from per-column uniform scores, then projects it to
 * the nearest valid correlation matrix.
 *
 * <p>Kendall (DPCopula): every pair's τ has sensitivity at most 4/(n+1) under adding or removing a row,
 * so the vector of P pair τ's has L2 sensitivity √P·4/(n+1); n is replaced by a lower bound on the
 * true count that fails with a small probability (added to δ by the caller). The latent correlation is
 * sin(π·τ/2). τ is counted with a merge sort, O(n log n) per pair.
 *
 * <p>Gauss (Analyze Gauss): normal scores clipped to [−c, c] give one row's outer product zzᵀ a
 * Frobenius norm of at most d·c², so the upper triangle of ZᵀZ with Gaussian noise of that sensitivity is
 * ρ-zCDP; it suits many columns, since its cost per entry does not grow with the number of pairs.
 */
final class CorrelationFitter {
  /** Clip of normal scores for the Gauss release. */
  static final double CLIP = 3;
  /** Smallest eigenvalue kept by the projection, so the matrix stays safely positive definite. */
  static final double MIN_EIGENVALUE = 1e-4;

  private CorrelationFitter() {
  }

  /** Noisy Kendall-based correlation of the columns of {@code u} (each of length n). */
  static double[][] kendall(double[][] u, double rho, double countLowerBound, NoiseSource random,
      ZcdpAccountant accountant) {
    int d = u.length;
    int n = u[0].length;
    int pairs = d * (d - 1) / 2;
    double sensitivity = Math.sqrt(pairs) * 4 / (countLowerBound + 1);
    double sigma = Double.isInfinite(rho) ? 0 : Gaussian.sigma(sensitivity, rho);
    MarginalFitter.charge(accountant, rho, String.format(Locale.ROOT,
        "correlation: %d Kendall tau (continuous Gaussian, L2 sensitivity %.4g, sigma %.4g)", pairs, sensitivity, sigma));
    double[][] c = identity(d);
    double[] seq = new double[n];
    double[] buf = new double[n];
    for (int i = 0; i < d; i++) {
      int[] order = order(u[i]);
      for (int j = i + 1; j < d; j++) {
        for (int r = 0; r < n; r++) {
          seq[r] = u[j][order[r]];
        }
        long inversions = inversions(seq, buf, 0, n);
        double tau = n < 2 ? 0 : 1 - 4.0 * inversions / ((double) n * (n - 1));
        double noisy = Math.max(-1, Math.min(1, tau + sigma * random.nextGaussian()));
        c[i][j] = Math.sin(Math.PI * noisy / 2);
        c[j][i] = c[i][j];
      }
    }
    return c;
  }

  /** Noisy normal-score correlation (Analyze Gauss) of the columns of {@code u}. */
  static double[][] gauss(double[][] u, double rho, NoiseSource random, ZcdpAccountant accountant) {
    int d = u.length;
    int n = u[0].length;
    double sensitivity = d * CLIP * CLIP;
    double sigma = Double.isInfinite(rho) ? 0 : Gaussian.sigma(sensitivity, rho);
    MarginalFitter.charge(accountant, rho, String.format(Locale.ROOT,
        "correlation: upper triangle of Z'Z, %d columns (continuous Gaussian, L2 sensitivity %.4g, sigma %.4g)",
        d, sensitivity, sigma));
    double[][] s = new double[d][d];
    double[] z = new double[d];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < d; i++) {
        double p = Math.max(1e-12, Math.min(1 - 1e-12, u[i][r]));
        z[i] = Math.max(-CLIP, Math.min(CLIP, NormalQuantile.inverse(p)));
      }
      for (int i = 0; i < d; i++) {
        for (int j = i; j < d; j++) {
          s[i][j] += z[i] * z[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        s[i][j] += sigma * random.nextGaussian();
      }
    }
    double[][] c = identity(d);
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        double denom = Math.sqrt(Math.max(s[i][i], 1) * Math.max(s[j][j], 1));
        c[i][j] = Math.max(-1, Math.min(1, s[i][j] / denom));
        c[j][i] = c[i][j];
      }
    }
    return c;
  }

  /**
   * The nearest valid correlation matrix by eigenvalue clipping: negative and tiny eigenvalues are
   * raised to {@link #MIN_EIGENVALUE}, then the diagonal is rescaled to 1.
   */
  static double[][] project(double[][] c) {
    int d = c.length;
    if (d == 0) {
      return c;
    }
    EigenDecomposition eig = new EigenDecomposition(MatrixUtils.createRealMatrix(c));
    double[] values = eig.getRealEigenvalues();
    RealMatrix v = eig.getV();
    double[] clipped = new double[d];
    for (int k = 0; k < d; k++) {
      clipped[k] = Math.max(values[k], MIN_EIGENVALUE);
    }
    RealMatrix fixed = v.multiply(MatrixUtils.createRealDiagonalMatrix(clipped)).multiply(v.transpose());
    double[][] out = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        out[i][j] = i == j ? 1
            : fixed.getEntry(i, j) / Math.sqrt(fixed.getEntry(i, i) * fixed.getEntry(j, j));
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        double m = (out[i][j] + out[j][i]) / 2;
        out[i][j] = m;
        out[j][i] = m;
      }
    }
    return out;
  }

  /**
   * Lower-triangular Cholesky factor, row-major d×d; a pivot that rounding makes non-positive is
   * floored, since the input is already projected to be positive definite.
   */
  static double[] cholesky(double[][] c) {
    int d = c.length;
    double[] l = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = c[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i * d + k] * l[j * d + k];
        }
        if (i == j) {
          l[i * d + i] = Math.sqrt(Math.max(sum, 1e-12));
        } else {
          l[i * d + j] = sum / l[j * d + j];
        }
      }
    }
    return l;
  }

  static double[][] identity(int d) {
    double[][] c = new double[d][d];
    for (int i = 0; i < d; i++) {
      c[i][i] = 1;
    }
    return c;
  }

  /** Row indices sorted by score; ties (practically absent) keep row order. */
  static int[] order(double[] scores) {
    int n = scores.length;
    long[] keys = new long[n];
    for (int r = 0; r < n; r++) {
      // scores lie in [0, 1]: 38 bits of the score above a 26-bit row index sort as the pair does
      long q = (long) (Math.max(0, Math.min(1, scores[r])) * ((1L << 37) - 1));
      keys[r] = (q << 26) | r;
    }
    Arrays.sort(keys);
    int[] out = new int[n];
    for (int r = 0; r < n; r++) {
      out[r] = (int) (keys[r] & ((1L << 26) - 1));
    }
    return out;
  }

  /** Inversions in a[from, to), sorting it in place (merge sort with buffer b). */
  static long inversions(double[] a, double[] b, int from, int to) {
    if (to - from < 2) {
      return 0;
    }
    int mid = (from + to) >>> 1;
    long count = inversions(a, b, from, mid) + inversions(a, b, mid, to);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      if (a[j] < a[i]) {
        count += mid - i;
        b[k++] = a[j++];
      } else {
        b[k++] = a[i++];
      }
    }
    while (i < mid) {
      b[k++] = a[i++];
    }
    while (j < to) {
      b[k++] = a[j++];
    }
    System.arraycopy(b, from, a, from, to - from);
    return count;
  }
}
