package io.surrogate.synth.vae;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.dp.CategoryDomains;
import io.surrogate.synth.dp.DiscreteGaussian;
import io.surrogate.synth.dp.DpBounds;
import io.surrogate.synth.dp.Gaussian;
import io.surrogate.synth.dp.NoiseSource;
import io.surrogate.synth.dp.NoisyCount;
import io.surrogate.synth.dp.ZcdpAccountant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The DP releases before training: the row count, bounds of numeric columns without public ones, domains
 * of categorical columns without public ones, and a histogram of every numeric column (its CDF places values
 * in the network's vector, see {@link VaeLayout}), each ρ-zCDP with equal shares of the preprocessing ρ.
 *
 * <p>Histogram bins: {@value #EXACT_BINS} under ε = ∞; under a finite ε as many as keep the expected count
 * per bin at 8 noise σ (between {@value #MIN_BINS} and {@value #MAX_BINS}), since a finer CDF drowns in noise.
 * Noisy counts below one σ are zeroed and every bin gets a floor of 1/1000 of the mean bin mass, so the CDF
 * increases strictly and every value keeps a place (post-processing only).
 *
 * @param layout the vector layout built from public facts and these releases only
 * @param noisyRows released row count
 * @param rho total zCDP ρ spent (+∞ under ε = ∞)
 * @param releases one ledger line per release
 * @param failureEvents number of thresholded domain releases
 * @param failureDelta δ of each failure event
 */
record Preprocessing(VaeLayout layout, long noisyRows, double rho, List<String> releases, int failureEvents,
    double failureDelta) {
  static final int EXACT_BINS = 256;
  static final int MIN_BINS = 8;
  static final int MAX_BINS = 64;

  static Preprocessing run(TableData data, PrivacyBudget budget, VaeOptions params, NoiseSource noise) {
    TableSpec spec = data.spec();
    boolean unlimited = budget.isUnlimited();
    List<ColumnSpec> modelled = spec.columns().stream().filter(ColumnSpec::isModelled).toList();
    int boundsNeeded = 0;
    int domainsNeeded = 0;
    int histograms = 0;
    for (ColumnSpec c : modelled) {
      histograms += isNumeric(c) ? 1 : 0;
      if (c.kind() == ColumnKind.CATEGORICAL && !c.hasDomain()) {
        domainsNeeded++;
      } else if (isNumeric(c) && !c.hasBounds()) {
        boundsNeeded++;
        if (!unlimited && params.preprocessShare() == 0) {
          throw new IllegalArgumentException("column " + c.name() + ": no public bounds and preprocess_share 0"
              + " (expected: lower/upper in the policy, or preprocess_share > 0 to pay for DP bounds)");
        }
      }
    }
    if (!unlimited && params.preprocessShare() == 0) {
      throw new IllegalArgumentException("preprocess_share: 0 (expected: > 0 under a finite epsilon: the row count"
          + (domainsNeeded > 0 ? " and category domains" : "") + " must be released)");
    }
    double rhoTotal = unlimited ? Double.POSITIVE_INFINITY
        : ZcdpAccountant.rhoFor(budget.epsilon() * params.preprocessShare(), budget.delta() / 2);
    int releases = 1 + boundsNeeded + domainsNeeded + histograms;
    double rhoEach = rhoTotal / releases;
    double failureDelta = unlimited ? 0 : budget.delta() / 2 / Math.max(1, domainsNeeded);
    List<String> lines = new ArrayList<>();
    long noisyRows = NoisyCount.release(data.rowCount(), rhoEach, noise);
    lines.add(line("row count: " + DiscreteGaussian.NAME + ", sensitivity 1", rhoEach));
    List<VaeLayout.Block> blocks = new ArrayList<>();
    for (ColumnSpec c : modelled) {
      int index = spec.indexOf(c.name());
      Object[] values = data.column(index);
      if (c.kind() == ColumnKind.BOOLEAN) {
        blocks.add(new VaeLayout.Block(index, VaeLayout.booleanCategories(c.nullable()), 0, 0, false));
      } else if (c.kind() == ColumnKind.CATEGORICAL) {
        blocks.add(new VaeLayout.Block(index, categories(c, values, rhoEach, failureDelta, noise, lines), 0, 0,
            false));
      } else {
        double[] bounds = c.hasBounds() ? VaeLayout.publicBounds(c) : bounds(c, values, rhoEach, noise, lines);
        double[] cdf = cdf(c, values, bounds, rhoEach, noisyRows, noise, lines);
        blocks.add(new VaeLayout.Block(index, null, bounds[0], bounds[1], c.nullable(), cdf));
      }
    }
    return new Preprocessing(new VaeLayout(spec, blocks), noisyRows, unlimited ? rhoTotal
        : rhoEach * releases, lines, domainsNeeded, failureDelta);
  }

  private static boolean isNumeric(ColumnSpec c) {
    return c.kind() != ColumnKind.CATEGORICAL && c.kind() != ColumnKind.BOOLEAN;
  }

  private static double[] bounds(ColumnSpec c, Object[] values, double rho, NoiseSource noise,
      List<String> lines) {
    double[] present = java.util.Arrays.stream(values).filter(v -> v != null)
        .mapToDouble(v -> VaeLayout.units(c, v)).toArray();
    double[] range = c.kind().naturalRange();
    DpBounds.Bounds b = DpBounds.release(present, rho, noise).within(range[0], range[1]);
    lines.add(line("bounds of " + c.name() + " (two-stage " + DiscreteGaussian.NAME + " histograms)", rho));
    return new double[] {b.lower(), b.upper()};
  }

  /** The CDF at the edges of equal-width bins over {@code bounds}, from a discrete Gaussian noisy histogram at cost ρ. */
  private static double[] cdf(ColumnSpec c, Object[] values, double[] bounds, double rho, long noisyRows,
      NoiseSource noise, List<String> lines) {
    double span = bounds[1] - bounds[0];
    boolean exact = Double.isInfinite(rho);
    double sigma = exact ? 0 : Gaussian.sigma(1, rho);
    int bins = exact ? EXACT_BINS
        : (int) Math.max(MIN_BINS, Math.min(MAX_BINS, noisyRows / (8 * sigma)));
    double[] counts = new double[bins];
    for (Object v : values) {
      if (v != null && span > 0) {
        double t = (VaeLayout.units(c, v) - bounds[0]) / span;
        counts[(int) Math.min(bins - 1, Math.max(0, t * bins))]++;
      }
    }
    double total = 0;
    for (int k = 0; k < bins; k++) {
      if (!exact) {
        double noisy = counts[k] + DiscreteGaussian.sample(sigma, noise);
        counts[k] = noisy < sigma ? 0 : noisy;
      }
      total += counts[k];
    }
    double floor = Math.max(total, 1) / bins / 1000;
    double[] cdf = new double[bins + 1];
    double sum = 0;
    for (int k = 0; k < bins; k++) {
      sum += counts[k] + floor;
      cdf[k + 1] = sum;
    }
    for (int k = 1; k < bins; k++) {
      cdf[k] /= sum;
    }
    cdf[bins] = 1;
    lines.add(line(String.format(Locale.ROOT, "histogram of %s (%d bins, " + DiscreteGaussian.NAME + ", sensitivity 1)", c.name(), bins),
        rho));
    return cdf;
  }

  private static List<String> categories(ColumnSpec c, Object[] values, double rho, double delta,
      NoiseSource noise, List<String> lines) {
    List<String> out = new ArrayList<>();
    if (c.hasDomain()) {
      out.addAll(c.domain());
    } else {
      SortedMap<String, Long> counts = new TreeMap<>();
      for (Object v : values) {
        if (v != null) {
          counts.merge(v.toString(), 1L, Long::sum);
        }
      }
      CategoryDomains.Release release = CategoryDomains.thresholded(counts, rho, delta, noise);
      lines.add(line("categories of " + c.name() + " (thresholded " + DiscreteGaussian.NAME + " counts, delta " + delta + ")", rho));
      out.addAll(release.categories());
    }
    if (c.nullable()) {
      out.add(null);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("column " + c.name() + ": no category survived the noisy threshold"
          + " (expected: a public domain in the policy, more rows, or a larger epsilon)");
    }
    return out;
  }

  private static String line(String what, double rho) {
    return Double.isInfinite(rho) ? what + ": exact (epsilon = infinity)"
        : String.format(Locale.ROOT, "%s: rho=%.6g", what, rho);
  }
}
