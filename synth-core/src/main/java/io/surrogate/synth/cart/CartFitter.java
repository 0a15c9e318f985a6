package io.surrogate.synth.cart;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.FitOptions;
import io.surrogate.synth.FitResult;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.PrivacyCost;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.dp.ExponentialMechanism;
import io.surrogate.synth.dp.DiscreteGaussian;
import io.surrogate.synth.dp.Gaussian;
import io.surrogate.synth.dp.NoisyCount;
import io.surrogate.synth.dp.ZcdpAccountant;
import io.surrogate.synth.sample.Seeds;
import java.util.Arrays;
import java.util.Locale;

/**
 * Fits one {@link CartModel}; one instance per fit.
 *
 * <p>Design note — how the budget is split. The total ρ is {@link ZcdpAccountant#rhoFor}(ε, δ'), where
 * δ' = δ when every category list is public and δ/2 otherwise (the other δ/2 is shared by the
 * categorical stability thresholds, so the reported δ is still δ). Of ρ:
 * <ol>
 *   <li>2% releases the row count (discrete Gaussian, sensitivity 1);
 *   <li>the other 98% is first shared by the modelled columns in proportion to {@code weights}; a
 *       column whose domain or bounds are not public spends 35% of its share releasing them
 *       ({@link DomainRelease});
 *   <li>what is left for the trees is re-shared in proportion to weight·codes^(2/3) (a column's error
 *       grows with its codes times its noise; this split minimises the sum);
 *   <li>the first visited column puts its share on its noisy marginal. Every later column first picks
 *       a depth: the largest d ≤ {@code max_depth} for which a leaf of an evenly split tree would hold
 *       at least {@code max(min_leaf, 8·σ_leaf·√codes)} rows (from the noisy row count, so it is
 *       post-processing; deep trees over few noisy rows only add noise). With the exponential
 *       mechanism 25% of the share pays for the splits (evenly per level) and 75% for the leaves.
 *       {@code structure: auto} uses the exponential mechanism only when a level's ε times the noisy
 *       row count reaches {@value #EM_MIN_SIGNAL}, which is when a split improving Gini by a few
 *       percent of the rows is clearly preferred; below that the structure is random
 *       (data-independent) and the leaves get the whole share.
 * </ol>
 * Leaf counts under one noise standard deviation are treated as empty when sampling (post-processing).
 * Under ε = ∞ nothing is noisy: exact histograms and domains, and trees grown like ordinary CART
 * (best splits, stopping at {@code max_depth}, small or pure nodes). Every release is recorded in the
 * {@link ZcdpAccountant}, whose ledger lines are the cost's {@code releases()}.
 */
final class CartFitter {
  static final double COUNT_SHARE = 0.02;
  static final double DOMAIN_SHARE = 0.35;
  static final double CODE_POWER = 2.0 / 3;
  static final double SPLIT_SHARE = 0.25;
  static final double LEAF_SIGMAS = 8;
  static final double EM_MIN_SIGNAL = 100;

  private final TableData data;
  private final TableSpec spec;
  private final FitOptions options;
  private final CartOptions cart;
  private final boolean exact;

  CartFitter(TableData data, FitOptions options) {
    this.data = data;
    this.spec = data.spec();
    this.options = options;
    this.exact = options.budget().isUnlimited();
    this.cart = CartOptions.parse(spec, options.params(), exact);
    for (int c : cart.visitOrder()) {
      ColumnSpec col = spec.column(c);
      if (col.kind() == ColumnKind.CATEGORICAL && col.hasDomain() && col.domain().isEmpty() && !col.nullable()) {
        throw new IllegalArgumentException(
            "column " + col.name() + ": domain [] (expected: at least one category for a NOT NULL column)");
      }
    }
  }

  FitResult fit() {
    PrivacyBudget budget = options.budget();
    int[] order = cart.visitOrder();
    int categoricalReleases = 0;
    for (int c : order) {
      if (DomainRelease.needsRelease(spec.column(c)) && spec.column(c).kind() == ColumnKind.CATEGORICAL) {
        categoricalReleases++;
      }
    }
    double accountantDelta = exact || categoricalReleases == 0 ? budget.delta() : budget.delta() / 2;
    double thresholdDelta = exact || categoricalReleases == 0 ? 0 : budget.delta() / 2 / categoricalReleases;
    ZcdpAccountant accountant = new ZcdpAccountant(budget.epsilon(), accountantDelta);
    double total = accountant.budgetRho();

    double noisyRows = releaseRowCount(total * COUNT_SHARE, accountant);
    double[] share = columnShares(total * (1 - COUNT_SHARE), order);
    ColumnCoder[] coders = new ColumnCoder[spec.width()];
    int[][] codes = new int[spec.width()][];
    for (int c : order) {
      ColumnSpec col = spec.column(c);
      Object[] values = data.column(c);
      if (DomainRelease.needsRelease(col)) {
        double rho = exact ? Double.POSITIVE_INFINITY : share[c] * DOMAIN_SHARE;
        share[c] -= exact ? 0 : rho;
        coders[c] = releaseDomain(col, values, rho, thresholdDelta, accountant);
      } else {
        coders[c] = DomainRelease.publicCoder(col, cart.bins());
      }
      codes[c] = new int[values.length];
      for (int r = 0; r < values.length; r++) {
        codes[c][r] = coders[c].encode(values[r]);
      }
    }
    reweightByCodes(share, order, coders);
    Tree[] trees = new Tree[spec.width()];
    TreeBuilder builder = new TreeBuilder(codes, coders, data.rowCount());
    for (int i = 0; i < order.length; i++) {
      int c = order[i];
      trees[c] = fitColumn(builder, c, Arrays.copyOf(order, i), share[c], noisyRows, coders[c], accountant);
      options.progress().accept((i + 1.0) / order.length);
    }
    long served = Math.max(0, Math.round(noisyRows));
    CartModel model = new CartModel(spec, served, order, coders, trees);
    PrivacyCost spent = accountant.cost();
    PrivacyCost cost = new PrivacyCost(spent.epsilon(), spent.delta() + thresholdDelta * categoricalReleases,
        spent.rho(), spent.releases());
    return new FitResult(model, cost);
  }

  private double releaseRowCount(double rho, ZcdpAccountant accountant) {
    if (exact) {
      accountant.spendUnlimited("row count");
      return data.rowCount();
    }
    double noisy = NoisyCount.release(data.rowCount(), rho, options.noise());
    accountant.spend(rho, String.format(Locale.ROOT, "row count: %s, sensitivity 1, sigma=%.6g",
        DiscreteGaussian.NAME, Gaussian.sigma(1, rho)));
    return noisy;
  }

  private double[] columnShares(double rho, int[] order) {
    double sum = 0;
    for (int c : order) {
      sum += cart.weights()[c];
    }
    double[] share = new double[spec.width()];
    for (int c : order) {
      share[c] = exact ? Double.POSITIVE_INFINITY : rho * cart.weights()[c] / sum;
    }
    return share;
  }

  /**
   * Re-divides what is left for the trees in proportion to weight·codes^(2/3): a column's error grows
   * with its number of codes times its noise, and this allocation minimises the sum of those errors.
   */
  private void reweightByCodes(double[] share, int[] order, ColumnCoder[] coders) {
    if (exact) {
      return;
    }
    double left = 0;
    double norm = 0;
    for (int c : order) {
      left += share[c];
      norm += cart.weights()[c] * StrictMath.pow(coders[c].valueCodes() + 1, CODE_POWER);
    }
    for (int c : order) {
      share[c] = left * cart.weights()[c] * StrictMath.pow(coders[c].valueCodes() + 1, CODE_POWER) / norm;
    }
  }

  private ColumnCoder releaseDomain(ColumnSpec col, Object[] values, double rho, double delta,
      ZcdpAccountant accountant) {
    var random = options.noise();
    ColumnCoder coder;
    String what;
    if (col.kind() == ColumnKind.CATEGORICAL) {
      coder = DomainRelease.categories(col, values, rho, delta, random);
      what = String.format(Locale.ROOT, "column %s: category list (" + DiscreteGaussian.NAME + " noisy counts, sensitivity 1, "
          + "sigma=%.6g, stability threshold with delta=%.3g; %d kept)", col.name(), Gaussian.sigma(1, rho),
          delta, coder.valueCodes());
    } else {
      coder = DomainRelease.bounds(col, values, rho, cart.bins(), random);
      what = String.format(Locale.ROOT, "column %s: bounds [%s, %s] (" + DiscreteGaussian.NAME + " noisy histogram over a public "
          + "magnitude grid, sensitivity 1, sigma=%.6g)", col.name(), coder.lower(), coder.upper(),
          Gaussian.sigma(1, rho));
    }
    if (exact) {
      accountant.spendUnlimited(col.name() + " domain");
    } else {
      accountant.spend(rho, what);
    }
    return coder;
  }

  private Tree fitColumn(TreeBuilder builder, int c, int[] predictors, double rho, double noisyRows,
      ColumnCoder coder, ZcdpAccountant accountant) {
    String name = spec.column(c).name();
    // the structure stream only draws data-independent random splits; every release uses the noise source
    var structure = Seeds.stream(options.seed(), "cart/tree/" + name.toLowerCase(Locale.ROOT));
    var random = options.noise();
    if (predictors.length == 0) {
      return builder.build(name, c, predictors, 0, TreeBuilder.Mode.EM, 0, rho, cart.minLeaf(), accountant, structure, random);
    }
    if (exact) {
      int depth = cart.maxDepth();
      return builder.build(name, c, predictors, depth, TreeBuilder.Mode.EM, rho, rho, cart.minLeaf(), accountant,
          structure, random);
    }
    double leafRho = rho * (1 - SPLIT_SHARE);
    int depth = depth(noisyRows, Gaussian.sigma(1, leafRho), coder);
    boolean em = switch (cart.structure()) {
      case EM -> true;
      case RANDOM -> false;
      case AUTO -> depth > 0
          && ExponentialMechanism.epsilonForRho(rho * SPLIT_SHARE / depth) * noisyRows >= EM_MIN_SIGNAL;
    };
    if (!em) {
      // A data-independent structure costs nothing, so the leaves get the whole share.
      return builder.build(name, c, predictors, depth(noisyRows, Gaussian.sigma(1, rho), coder),
          TreeBuilder.Mode.RANDOM, 0, rho, cart.minLeaf(), accountant, structure, random);
    }
    if (depth == 0) {
      return builder.build(name, c, predictors, 0, TreeBuilder.Mode.EM, 0, rho, cart.minLeaf(), accountant, structure, random);
    }
    return builder.build(name, c, predictors, depth, TreeBuilder.Mode.EM, rho * SPLIT_SHARE, leafRho,
        cart.minLeaf(), accountant, structure, random);
  }

  /** Largest depth whose even split leaves at least max(min_leaf, 8σ√codes) rows per leaf. */
  private int depth(double noisyRows, double sigma, ColumnCoder coder) {
    double noise = LEAF_SIGMAS * sigma * Math.sqrt(coder.valueCodes() + 1);
    double perLeaf = Math.max(Math.max(cart.minLeaf(), 1), noise);
    int d = 0;
    while (d < cart.maxDepth() && noisyRows / (1L << (d + 1)) >= perLeaf) {
      d++;
    }
    return d;
  }
}
