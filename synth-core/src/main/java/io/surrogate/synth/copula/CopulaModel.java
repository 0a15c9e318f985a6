package io.surrogate.synth.copula;

import io.surrogate.synth.TableModel;
import io.surrogate.synth.TableSpec;
import java.util.random.RandomGenerator;

/**
 * A fitted DP Gaussian copula: one {@link Marginal} per modelled column and the Cholesky factor of the
 * released latent correlation. A row is d standard normals, correlated by the factor, mapped through
 * a tabulated Φ to uniforms and through each marginal's cumulative table to values. Immutable.
 */
public final class CopulaModel implements TableModel {
  private final TableSpec spec;
  private final long noisyRowCount;
  private final int[] columns;
  private final Marginal[] marginals;
  private final double[][] correlation;
  private final double[] factor;
  private final boolean[] modelled;

  CopulaModel(TableSpec spec, long noisyRowCount, int[] columns, Marginal[] marginals, double[][] correlation) {
    this.spec = spec;
    this.noisyRowCount = noisyRowCount;
    this.columns = columns;
    this.marginals = marginals;
    this.correlation = correlation;
    this.factor = CorrelationFitter.cholesky(correlation);
    this.modelled = new boolean[spec.width()];
    for (int c : columns) {
      modelled[c] = true;
    }
  }

  @Override
  public TableSpec spec() {
    return spec;
  }

  @Override
  public String generator() {
    return CopulaGenerator.NAME;
  }

  @Override
  public long noisyRowCount() {
    return noisyRowCount;
  }

  /** The released latent correlation between modelled columns {@code i} and {@code j} (model order). */
  public double correlation(int i, int j) {
    return correlation[i][j];
  }

  /** Number of modelled columns. */
  public int modelledColumns() {
    return columns.length;
  }

  @Override
  public void sample(RandomGenerator random, Object[][] out) {
    int d = columns.length;
    int width = spec.width();
    double[] g = new double[d];
    for (Object[] row : out) {
      for (int c = 0; c < width; c++) {
        if (!modelled[c]) {
          row[c] = null;
        }
      }
      for (int k = 0; k < d; k++) {
        g[k] = random.nextGaussian();
      }
      for (int k = 0; k < d; k++) {
        double z = 0;
        int base = k * d;
        for (int j = 0; j <= k; j++) {
          z += factor[base + j] * g[j];
        }
        row[columns[k]] = marginals[k].value(NormalTable.cdf(z));
      }
    }
  }

  @Override
  public byte[] toBytes() {
    return CopulaCodec.write(this);
  }

  int[] columns() {
    return columns;
  }

  Marginal[] marginals() {
    return marginals;
  }

  double[][] correlationMatrix() {
    return correlation;
  }
}
