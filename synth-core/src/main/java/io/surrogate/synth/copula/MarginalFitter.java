package io.surrogate.synth.copula;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.dp.CategoryDomains;
import io.surrogate.synth.dp.DiscreteGaussian;
import io.surrogate.synth.dp.DpBounds;
import io.surrogate.synth.dp.Gaussian;
import io.surrogate.synth.dp.NoiseSource;
import io.surrogate.synth.dp.ZcdpAccountant;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Fits one column's {@link Marginal} at cost ρ: a discrete Gaussian noisy histogram over cells from public facts,
 * with released bounds (30% of ρ) for a numeric column that has none, or a thresholded category release
 * that doubles as the histogram for a categorical column without a public domain. NULL is its own cell.
 */
final class MarginalFitter {
  /** Share of a numeric column's ρ spent on its bounds when the policy declares none. */
  static final double BOUNDS_SHARE = 0.3;
  /** Fewest cells a released-size numeric histogram gets. */
  static final int MIN_BINS = 8;

  private MarginalFitter() {
  }

  static Marginal fit(ColumnSpec spec, Object[] values, double rho, double delta, int maxBins, long noisyRows,
      NoiseSource random, ZcdpAccountant accountant) {
    if (!spec.nullable()) {
      for (Object v : values) {
        if (v == null) {
          throw new IllegalArgumentException("column " + spec.name()
              + ": NULL in a column declared NOT NULL (expected: nullable column or no NULLs)");
        }
      }
    }
    switch (spec.kind()) {
      case BOOLEAN:
        return histogram(Cells.categorical(spec, List.of(Boolean.FALSE, Boolean.TRUE)), values, rho, random,
            accountant);
      case CATEGORICAL:
        if (spec.hasDomain()) {
          if (spec.domain().isEmpty() && !spec.nullable()) {
            throw new IllegalArgumentException(
                "column " + spec.name() + ": public domain is empty (expected: at least one category)");
          }
          return histogram(Cells.categorical(spec, spec.domain()), values, rho, random, accountant);
        }
        return releasedCategories(spec, values, rho, delta, random, accountant);
      default:
        return numeric(spec, values, rho, maxBins, noisyRows, random, accountant);
    }
  }

  private static Marginal numeric(ColumnSpec spec, Object[] values, double rho, int maxBins, long noisyRows,
      NoiseSource random, ZcdpAccountant accountant) {
    double lower;
    double upper;
    double histRho = rho;
    if (spec.hasBounds()) {
      lower = spec.lower();
      upper = spec.upper();
    } else {
      List<Double> xs = new ArrayList<>();
      for (Object v : values) {
        double x = v == null ? Double.NaN : Cells.units(spec, v) / Cells.unitsPer(spec);
        if (Double.isFinite(x)) {
          xs.add(x);
        }
      }
      double boundsRho = Double.isInfinite(rho) ? rho : rho * BOUNDS_SHARE;
      histRho = Double.isInfinite(rho) ? rho : rho - boundsRho;
      double[] range = spec.kind().naturalRange();
      DpBounds.Bounds b = DpBounds.release(xs.stream().mapToDouble(Double::doubleValue).toArray(), boundsRho,
          random).within(range[0], range[1]);
      charge(accountant, boundsRho, "column " + spec.name() + ": bounds (two-stage " + DiscreteGaussian.NAME + " histogram)");
      lower = b.lower();
      upper = b.upper();
      if (spec.kind() != ColumnKind.FLOAT) {
        double per = Cells.unitsPer(spec);
        lower = Math.floor(lower * per) / per;
        upper = Math.ceil(upper * per) / per;
      }
    }
    int bins = maxBins;
    if (!Double.isInfinite(histRho)) {
      double sigma = Gaussian.sigma(1, histRho);
      bins = (int) Math.max(MIN_BINS, Math.min(maxBins, noisyRows / (8 * sigma)));
    }
    return histogram(Cells.numeric(spec, lower, upper, bins), values, histRho, random, accountant);
  }

  /** Noisy counts over fixed cells; under finite ρ counts below one σ are zeroed (post-processing). */
  private static Marginal histogram(Cells cells, Object[] values, double rho, NoiseSource random,
      ZcdpAccountant accountant) {
    double[] counts = new double[cells.size()];
    for (Object v : values) {
      int k = cells.cellOf(v);
      if (k >= 0) {
        counts[k]++;
      }
    }
    double sigma = Gaussian.sigma(1, rho);
    for (int k = 0; k < counts.length; k++) {
      double noisy = sigma == 0 ? counts[k] : counts[k] + DiscreteGaussian.sample(sigma, random);
      counts[k] = noisy < Math.max(sigma, 0) || noisy <= 0 ? 0 : noisy;
    }
    charge(accountant, rho, String.format(Locale.ROOT, "column %s: histogram of %d cells: %s, sigma %.4g",
        cells.spec.name(), counts.length, DiscreteGaussian.NAME, sigma));
    return Marginal.fromWeights(cells, counts);
  }

  private static Marginal releasedCategories(ColumnSpec spec, Object[] values, double rho, double delta,
      NoiseSource random, ZcdpAccountant accountant) {
    TreeMap<String, Long> counts = new TreeMap<>();
    long nulls = 0;
    for (Object v : values) {
      if (v == null) {
        nulls++;
      } else {
        counts.merge((String) v, 1L, Long::sum);
      }
    }
    double sigma = Gaussian.sigma(1, rho);
    double nullCount = Math.max(0, sigma == 0 ? nulls : nulls + DiscreteGaussian.sample(sigma, random));
    CategoryDomains.Release release = CategoryDomains.thresholded(counts, rho, delta, random);
    charge(accountant, rho, String.format(Locale.ROOT,
        "column %s: category domain and counts: %s, sigma %.4g, threshold %.4g, delta %.3g",
        spec.name(), DiscreteGaussian.NAME, sigma, release.threshold(), delta));
    if (release.categories().isEmpty() && !spec.nullable()) {
      throw new IllegalArgumentException("column " + spec.name() + ": no category survived the noisy threshold "
          + String.format(Locale.ROOT, "%.1f", release.threshold())
          + " (expected: a public domain in the policy, more rows, or a larger epsilon)");
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < release.categories().size(); i++) {
      order.add(i);
    }
    order.sort(categoryOrder(release.categories()));
    List<String> categories = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    if (spec.nullable()) {
      weights.add(nullCount < sigma ? 0 : nullCount);
    }
    for (int i : order) {
      categories.add(release.categories().get(i));
      weights.add(release.noisyCounts()[i]);
    }
    Cells cells = Cells.categorical(spec, categories);
    return Marginal.fromWeights(cells, weights.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * Numeric order when every category reads as a number (small-integer codes keep their order, which the
   * copula's latent correlation can then use), else the sorted order of the release.
   */
  static Comparator<Integer> categoryOrder(List<String> categories) {
    List<BigDecimal> numbers = new ArrayList<>();
    for (String c : categories) {
      try {
        numbers.add(new BigDecimal(c.trim()));
      } catch (NumberFormatException e) {
        return Comparator.naturalOrder();
      }
    }
    return Comparator.<Integer, BigDecimal>comparing(numbers::get).thenComparing(Comparator.naturalOrder());
  }

  static void charge(ZcdpAccountant accountant, double rho, String what) {
    if (Double.isInfinite(rho)) {
      accountant.spendUnlimited(what);
    } else {
      accountant.spend(rho, what);
    }
  }
}
