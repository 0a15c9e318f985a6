package io.surrogate.synth.vae;

import io.surrogate.synth.FitChecks;
import io.surrogate.synth.FitOptions;
import io.surrogate.synth.FitResult;
import io.surrogate.synth.Generator;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.PrivacyCost;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.dp.RdpAccountant;
import io.surrogate.synth.sample.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The DP-VAE generator (TVAE-like), registered as {@code vae}: trains with DP-SGD on ND4J when ND4J is on
 * the class path, and restores models with plain Java only.
 *
 * <p>Design note. Under a finite (ε, δ), δ/2 converts RDP to (ε, δ) (tighter conversion of
 * {@link RdpAccountant}) and δ/2 is shared by the failure events of thresholded category domains.
 * {@code preprocess_share} of ε (default 10%) is turned into a zCDP ρ and split equally among the noisy row
 * count, each column without public bounds ({@code DpBounds}) or domain ({@code CategoryDomains}), and a
 * noisy histogram of each numeric column; these are composed into the RDP accountant as ρ-zCDP, then DP-SGD
 * takes as many steps as fit under ε (capped at {@code epochs}/q steps), with q = batch_size / noisy count.
 * Numeric columns are placed by the CDF of their released histogram over public or released bounds (a DP
 * quantile transform; no mixture fitted on raw data, see {@link Preprocessing}). Under ε = ∞ all statistics
 * are exact and training is plain Adam on shuffled batches. See {@link Nd4jTrainer} for the per-example
 * clipping.
 */
public final class VaeGenerator implements Generator {
  /** The policy name. */
  public static final String NAME = "vae";
  private static final String ND4J_CLASS = "org.nd4j.linalg.factory.Nd4j";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FitResult fit(TableData data, FitOptions options) {
    VaeOptions params = VaeOptions.parse(options.params());
    PrivacyBudget budget = options.budget();
    boolean unlimited = budget.isUnlimited();
    FitChecks.requireFittable(data, budget);
    int n = data.rowCount();
    requireNd4j();
    Preprocessing pre = Preprocessing.run(data, budget, params, options.noise());
    options.progress().accept(0.05);
    RdpAccountant rdp = new RdpAccountant();
    long steps;
    double q = 0;
    if (unlimited) {
      steps = (long) params.epochs() * ((n + params.batchSize() - 1) / params.batchSize());
    } else {
      rdp.addZcdp(pre.rho());
      q = Math.min(1, params.batchSize() / (double) Math.max(1, pre.noisyRows()));
      long wanted = (long) Math.ceil(params.epochs() / q);
      steps = maxSteps(pre.rho(), q, params.noiseMultiplier(), budget.epsilon(), budget.delta() / 2, wanted);
      long perEpoch = (long) Math.ceil(1 / q);
      if (steps < perEpoch) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "epsilon: %s too small for one epoch of DP-SGD (%d steps at q=%.4g, noise_multiplier=%s fit, %d needed;"
                + " expected: a larger epsilon or noise_multiplier)", budget.epsilon(), steps, q,
            params.noiseMultiplier(), perEpoch));
      }
      rdp.addSampledGaussian(q, params.noiseMultiplier(), steps);
    }
    double[][] x = new double[n][pre.layout().width()];
    for (int r = 0; r < n; r++) {
      pre.layout().encode(data.row(r), x[r]);
    }
    Nd4jTrainer trainer = new Nd4jTrainer(pre.layout(), params, Seeds.stream(options.seed(), "vae/train"),
        options.noise());
    trainer.train(x, steps, q, params.noiseMultiplier(), params.clipNorm(),
        p -> options.progress().accept(0.05 + 0.95 * p));
    float[][][] decoder = trainer.decoderWeights();
    VaeModel model = new VaeModel(pre.layout(), pre.noisyRows(), params.latentDim(), decoder[0], decoder[1]);
    return new FitResult(model, cost(pre, rdp, budget, q, steps, params, n));
  }

  /** Throws the documented error when ND4J cannot be loaded, before any ND4J class is touched. */
  static void requireNd4j() {
    try {
      Class.forName(ND4J_CLASS, false, VaeGenerator.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("generator vae needs Deeplearning4j on the class path to train: " + e
          + " (add org.nd4j:nd4j-native 1.0.0-M2.1 with its linux-x86_64 natives; serving needs none of it)", e);
    }
  }

  /** The largest step count ≤ {@code cap} whose total ε with a ρ-zCDP preprocessing (tight conversion at δ) stays within {@code epsilon}. */
  static long maxSteps(double preRho, double q, double sigma, double epsilon, double delta, long cap) {
    long lo = 0;
    long hi = cap;
    while (lo < hi) {
      long mid = lo + (hi - lo + 1) / 2;
      if (epsilonAfter(preRho, q, sigma, mid, delta) <= epsilon) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private static double epsilonAfter(double preRho, double q, double sigma, long steps, double delta) {
    return new RdpAccountant().addZcdp(preRho).addSampledGaussian(q, sigma, steps).epsilonTight(delta);
  }

  private static PrivacyCost cost(Preprocessing pre, RdpAccountant rdp, PrivacyBudget budget, double q, long steps,
      VaeOptions params, int n) {
    List<String> lines = new ArrayList<>(pre.releases());
    if (budget.isUnlimited()) {
      lines.add(String.format(Locale.ROOT, "training: %d non-private Adam steps (epsilon = infinity)", steps));
      return new PrivacyCost(Double.POSITIVE_INFINITY, budget.delta(), Double.POSITIVE_INFINITY, lines);
    }
    double half = budget.delta() / 2;
    double eps = rdp.epsilonTight(half);
    lines.add(String.format(Locale.ROOT,
        "DP-SGD: %d steps (%.2f epochs) sampled Gaussian q=%.6g sigma=%s clip=%s, RDP orders %d..%d",
        steps, steps * q, q, params.noiseMultiplier(), params.clipNorm(), RdpAccountant.MIN_ORDER,
        RdpAccountant.MAX_ORDER));
    lines.add(String.format(Locale.ROOT, "total: epsilon=%.6g at delta=%.3g (tight RDP conversion) + %d failure"
        + " events x %.3g", eps, half, pre.failureEvents(), pre.failureDelta()));
    return new PrivacyCost(eps, half + pre.failureEvents() * pre.failureDelta(), Double.NaN, lines);
  }

  @Override
  public TableModel read(byte[] bytes) {
    return VaeCodec.read(bytes);
  }
}
