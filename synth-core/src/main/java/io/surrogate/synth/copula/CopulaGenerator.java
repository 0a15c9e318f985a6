package io.surrogate.synth.copula;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.FitChecks;
import io.surrogate.synth.FitOptions;
import io.surrogate.synth.FitResult;
import io.surrogate.synth.Generator;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.PrivacyCost;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.dp.DiscreteGaussian;
import io.surrogate.synth.dp.Gaussian;
import io.surrogate.synth.dp.NoiseSource;
import io.surrogate.synth.dp.NoisyCount;
import io.surrogate.synth.dp.ZcdpAccountant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The DP Gaussian copula generator (DPCopula family), registered as {@code copula}.
 *
 * <p>Design note. The budget (ε, δ) is split as follows; counts and histograms get discrete Gaussian noise, correlations
 * continuous Gaussian noise (all from {@link FitOptions#noise()}), accounted in
 * zCDP by one {@link ZcdpAccountant}, converted to (ε, δ) once:
 * <ul>
 *   <li>δ: half converts ρ to ε; the other half is shared equally among the failure events: each
 *       categorical column whose domain is released by noisy threshold (a category of one row survives
 *       with at most that probability), and the row-count lower bound of the Kendall sensitivity.</li>
 *   <li>ρ: 2% to the noisy row count; 40% to the correlation (none when fewer than two modelled columns
 *       or {@code correlation: none}); the rest in equal shares to the modelled columns. A numeric
 *       column without public bounds spends 30% of its share on DP bounds ({@link
 *       io.surrogate.synth.dp.DpBounds}) and 70% on its histogram; a categorical column without a public
 *       domain spends its share on one thresholded release that is both domain and histogram.</li>
 * </ul>
 * Marginals: NULL is its own cell; numeric cells are one per whole value when the bounds hold at most
 * {@code bins} of them, else {@code bins} equal ranges (fewer under noise, so that cells keep about eight
 * noise standard deviations of rows); draws are uniform within a range cell, rounded to the column's
 * step and clamped to its bounds. Noise is fresh for every fit; ε = +∞ releases exact statistics.
 */
public final class CopulaGenerator implements Generator {
  /** The policy name. */
  public static final String NAME = "copula";
  static final double COUNT_SHARE = 0.02;
  static final double CORRELATION_SHARE = 0.40;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FitResult fit(TableData data, FitOptions options) {
    CopulaOptions params = CopulaOptions.parse(options.params());
    PrivacyBudget budget = options.budget();
    boolean unlimited = budget.isUnlimited();
    FitChecks.requireFittable(data, budget);
    int n = data.rowCount();
    int[] columns = data.spec().columns().stream().filter(ColumnSpec::isModelled)
        .mapToInt(c -> data.spec().indexOf(c.name())).toArray();
    int releasedDomains = (int) data.spec().columns().stream()
        .filter(c -> c.isModelled() && c.kind() == ColumnKind.CATEGORICAL && !c.hasDomain()).count();
    int d = columns.length;
    boolean correlated = d >= 2 && params.correlation() != CopulaOptions.Correlation.NONE;
    double failureDelta = unlimited ? 0 : budget.delta() / 2 / (releasedDomains + 1);
    ZcdpAccountant accountant = new ZcdpAccountant(budget.epsilon(), unlimited ? budget.delta() : budget.delta() / 2);
    double rho = accountant.budgetRho();
    double corrRho = correlated ? rho * CORRELATION_SHARE : 0;
    double countRho = rho * COUNT_SHARE;
    // under an unlimited budget every share is +inf; the subtraction below would give NaN
    double columnRho = unlimited ? rho : d == 0 ? 0 : (rho - countRho - corrRho) / d;

    long noisyRows = NoisyCount.release(n, countRho, options.noise());
    MarginalFitter.charge(accountant, countRho, String.format(Locale.ROOT, "row count: %s, sensitivity 1, sigma %.4g",
        DiscreteGaussian.NAME, Gaussian.sigma(1, countRho)));
    // the automatic choice looks at the released count only, so it reveals nothing further
    CopulaOptions.Correlation corrKind = correlated ? params.resolve(d, noisyRows) : CopulaOptions.Correlation.NONE;
    options.progress().accept(0.05);

    Marginal[] marginals = new Marginal[d];
    double[][] scores = new double[d][];
    for (int k = 0; k < d; k++) {
      ColumnSpec col = data.spec().column(columns[k]);
      Object[] values = data.column(columns[k]);
      marginals[k] = MarginalFitter.fit(col, values, columnRho, failureDelta, params.bins(), noisyRows,
          options.noise(), accountant);
      if (corrKind != CopulaOptions.Correlation.NONE) {
        // the jitter within a cell is data-dependent randomness, so it is drawn like noise
        scores[k] = scores(marginals[k], values, options.noise());
      }
      options.progress().accept(0.05 + 0.55 * (k + 1) / d);
    }
    double[][] corr = correlation(corrKind, scores, corrRho, countRho, noisyRows, failureDelta,
        options.noise(), accountant);
    options.progress().accept(1.0);
    CopulaModel model = new CopulaModel(data.spec(), noisyRows, columns, marginals, corr);
    return new FitResult(model, total(accountant, budget, failureDelta, releasedDomains, corrKind));
  }

  private static double[] scores(Marginal marginal, Object[] values, RandomGenerator jitter) {
    double[] u = new double[values.length];
    for (int r = 0; r < u.length; r++) {
      u[r] = marginal.score(values[r], jitter);
    }
    return u;
  }

  private static double[][] correlation(CopulaOptions.Correlation kind, double[][] scores, double rho,
      double countRho, long noisyRows, double failureDelta, NoiseSource random, ZcdpAccountant accountant) {
    switch (kind) {
      case KENDALL:
        double low = Double.isInfinite(rho) ? noisyRows : NoisyCount.lowerBound(noisyRows, countRho, failureDelta);
        return CorrelationFitter.project(CorrelationFitter.kendall(scores, rho, low, random, accountant));
      case GAUSS:
        return CorrelationFitter.project(CorrelationFitter.gauss(scores, rho, random, accountant));
      default:
        return CorrelationFitter.identity(scores.length);
    }
  }

  /** The accountant's cost with δ widened by the failure probabilities of thresholds and bounds. */
  private static PrivacyCost total(ZcdpAccountant accountant, PrivacyBudget budget, double failureDelta,
      int releasedDomains, CopulaOptions.Correlation corrKind) {
    PrivacyCost zcdp = accountant.cost();
    if (budget.isUnlimited()) {
      return zcdp;
    }
    int events = releasedDomains + (corrKind == CopulaOptions.Correlation.KENDALL ? 1 : 0);
    List<String> lines = new ArrayList<>(zcdp.releases());
    lines.add(String.format(Locale.ROOT, "delta: %.3g for the rho conversion + %d failure events x %.3g",
        zcdp.delta(), events, failureDelta));
    return new PrivacyCost(zcdp.epsilon(), zcdp.delta() + events * failureDelta, zcdp.rho(), lines);
  }

  @Override
  public TableModel read(byte[] bytes) {
    return CopulaCodec.read(bytes);
  }
}
