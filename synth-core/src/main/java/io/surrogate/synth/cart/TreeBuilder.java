package io.surrogate.synth.cart;

import io.surrogate.synth.dp.ExponentialMechanism;
import io.surrogate.synth.dp.DiscreteGaussian;
import io.surrogate.synth.dp.Gaussian;
import io.surrogate.synth.dp.NoiseSource;
import io.surrogate.synth.dp.ZcdpAccountant;
import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Grows one column's {@link Tree} level by level.
 *
 * <p>Under DP every node is split down to the fixed depth (a stopping rule that looked at node sizes
 * would leak them). The candidate splits are a public grid: for each earlier column, "code &lt;= v" for
 * every code boundary and, for categories, "code == v" for every category. A split is chosen by the
 * exponential mechanism on the Gini quality of Friedman &amp; Schuster (2010),
 * {@code Σ_child Σ_y n²_cy / n_c − N}, whose sensitivity is 2; nodes of one level hold disjoint rows, so
 * one level costs one selection (parallel composition). In {@link Mode#RANDOM} splits are drawn without
 * looking at data. Leaves get Gaussian noisy histograms of the target's codes (L2 sensitivity 1, all
 * leaves in parallel); see {@link LeafDistributions} for the post-processing. Under ε = ∞ (no privacy)
 * the tree is grown like ordinary CART instead: best split, and a node stops when it holds fewer than
 * {@code 2·minLeaf} rows or no split improves it.
 */
final class TreeBuilder {
  /** How splits are chosen. */
  enum Mode {
    /** Exponential mechanism (the best split, with data-dependent stopping, when ρ is +∞). */
    EM,
    /** Uniformly random from the public grid, data-independent. */
    RANDOM
  }

  private static final double GINI_SENSITIVITY = 2;

  private final int[][] codes;
  private final ColumnCoder[] coders;
  private final int rows;

  /**
   * @param codes codes per spec column index (null for columns not modelled), each of {@code rows} values
   * @param coders coders per spec column index
   */
  TreeBuilder(int[][] codes, ColumnCoder[] coders, int rows) {
    this.codes = codes;
    this.coders = coders;
    this.rows = rows;
  }

  /**
   * Grows the tree of {@code target} over {@code predictors}, charging {@code accountant}.
   *
   * @param rhoSplit ρ of the whole structure (split evenly over levels; ignored in RANDOM mode; +∞: exact)
   * @param rhoLeaf ρ of the leaf histograms (+∞: exact)
   */
  Tree build(String name, int target, int[] predictors, int depth, Mode mode, double rhoSplit, double rhoLeaf,
      double minLeaf, ZcdpAccountant accountant, RandomGenerator structure, NoiseSource random) {
    Candidates cand = new Candidates(predictors, coders);
    Nodes nodes = new Nodes();
    nodes.add(-1);
    int[] nodeOf = new int[rows];
    int[] frontier = {0};
    int levels = cand.size() == 0 ? 0 : depth;
    for (int level = 0; level < levels && frontier.length > 0; level++) {
      int[] pos = new int[nodes.size];
      Arrays.fill(pos, -1);
      for (int i = 0; i < frontier.length; i++) {
        pos[frontier[i]] = i;
      }
      int[] chosen = mode == Mode.RANDOM ? randomSplits(frontier.length, cand, structure)
          : emSplits(name, level, target, cand, pos, frontier.length, nodeOf, rhoSplit / levels, minLeaf,
              accountant, random);
      int[] next = new int[2 * frontier.length];
      int count = 0;
      for (int i = 0; i < frontier.length; i++) {
        if (chosen[i] >= 0) {
          int node = frontier[i];
          nodes.split(node, cand.column[chosen[i]], cand.kind[chosen[i]], cand.value[chosen[i]]);
          next[count++] = nodes.left[node];
          next[count++] = nodes.right[node];
        }
      }
      for (int r = 0; r < rows; r++) {
        int node = nodeOf[r];
        if (pos[node] >= 0 && nodes.left[node] >= 0) {
          int c = codes[nodes.column[node]][r];
          boolean left = nodes.kind[node] == Tree.LESS_EQUAL ? c <= nodes.value[node] : c == nodes.value[node];
          nodeOf[r] = left ? nodes.left[node] : nodes.right[node];
        }
      }
      frontier = Arrays.copyOf(next, count);
    }
    double[][] hist = leafHistograms(name, target, nodes, nodeOf, rhoLeaf, accountant, random);
    int[] left = Arrays.copyOf(nodes.left, nodes.size);
    int[] distribution = new int[nodes.size];
    double[][] cdfs = LeafDistributions.cdfs(hist, Arrays.copyOf(nodes.parent, nodes.size), left,
        coders[target], minLeaf, Gaussian.sigma(1, rhoLeaf), distribution);
    return new Tree(Arrays.copyOf(nodes.column, nodes.size), Arrays.copyOf(nodes.kind, nodes.size),
        Arrays.copyOf(nodes.value, nodes.size), left, Arrays.copyOf(nodes.right, nodes.size), distribution, cdfs);
  }

  private static int[] randomSplits(int width, Candidates cand, RandomGenerator random) {
    int[] chosen = new int[width];
    for (int k = 0; k < width; k++) {
      chosen[k] = random.nextInt(cand.size());
    }
    return chosen;
  }

  /** One chosen candidate per frontier node, or -1 where an exact fit stops. */
  private int[] emSplits(String name, int level, int target, Candidates cand, int[] pos, int width, int[] nodeOf,
      double rhoLevel, double minLeaf, ZcdpAccountant accountant, NoiseSource random) {
    double[][] scores = new double[width][cand.size()];
    int ct = coders[target].cardinality();
    int[] y = codes[target];
    double[][] own = new double[width][ct];
    for (int r = 0; r < rows; r++) {
      int p = pos[nodeOf[r]];
      if (p >= 0) {
        own[p][y[r]]++;
      }
    }
    for (int p = 0; p < cand.predictors.length; p++) {
      int j = cand.predictors[p];
      int cj = coders[j].cardinality();
      int[] x = codes[j];
      int[] counts = new int[width * cj * ct];
      for (int r = 0; r < rows; r++) {
        int k = pos[nodeOf[r]];
        if (k >= 0) {
          counts[(k * cj + x[r]) * ct + y[r]]++;
        }
      }
      for (int k = 0; k < width; k++) {
        cand.score(p, counts, k * cj * ct, ct, scores[k]);
      }
    }
    boolean exact = Double.isInfinite(rhoLevel);
    double eps = exact ? Double.POSITIVE_INFINITY : ExponentialMechanism.epsilonForRho(rhoLevel);
    int[] chosen = new int[width];
    for (int k = 0; k < width; k++) {
      chosen[k] = ExponentialMechanism.select(scores[k], GINI_SENSITIVITY, eps, random);
      if (exact) {
        double n = Arrays.stream(own[k]).sum();
        double gain = scores[k][chosen[k]] - (Candidates.purity(own[k]) - n);
        chosen[k] = n >= 2 * Math.max(minLeaf, 1) && gain > 1e-9 ? chosen[k] : -1;
      }
    }
    String what = String.format(Locale.ROOT,
        "column %s: tree level %d splits (%d nodes in parallel, exponential mechanism on Gini, "
            + "sensitivity 2, %d candidates, epsilon=%.6g)", name, level, width, cand.size(), eps);
    if (exact) {
      accountant.spendUnlimited(what);
    } else {
      accountant.spend(ExponentialMechanism.rho(eps), what);
    }
    return chosen;
  }

  private double[][] leafHistograms(String name, int target, Nodes nodes, int[] nodeOf, double rhoLeaf,
      ZcdpAccountant accountant, NoiseSource random) {
    int ct = coders[target].cardinality();
    double[][] hist = new double[nodes.size][ct];
    int[] y = codes[target];
    for (int r = 0; r < rows; r++) {
      hist[nodeOf[r]][y[r]]++;
    }
    double sigma = Gaussian.sigma(1, rhoLeaf);
    int leaves = 0;
    for (int node = 0; node < nodes.size; node++) {
      if (nodes.left[node] < 0) {
        leaves++;
        for (int k = 0; k < ct; k++) {
          hist[node][k] += sigma == 0 ? 0 : DiscreteGaussian.sample(sigma, random);
        }
      }
    }
    String what = String.format(Locale.ROOT,
        "column %s: %s (%d leaves x %d codes in parallel, %s, L2 sensitivity 1, sigma=%.6g)",
        name, nodes.size == 1 ? "noisy marginal" : "leaf histograms", leaves, ct, DiscreteGaussian.NAME, sigma);
    if (Double.isInfinite(rhoLeaf)) {
      accountant.spendUnlimited(what);
    } else {
      accountant.spend(rhoLeaf, what);
    }
    return hist;
  }

  /** Growable node arrays; children are always added after their parent. */
  private static final class Nodes {
    int size;
    int[] parent = new int[16];
    int[] left = new int[16];
    int[] right = new int[16];
    int[] column = new int[16];
    byte[] kind = new byte[16];
    int[] value = new int[16];

    int add(int parentNode) {
      if (size == parent.length) {
        int n = 2 * size;
        parent = Arrays.copyOf(parent, n);
        left = Arrays.copyOf(left, n);
        right = Arrays.copyOf(right, n);
        column = Arrays.copyOf(column, n);
        kind = Arrays.copyOf(kind, n);
        value = Arrays.copyOf(value, n);
      }
      parent[size] = parentNode;
      left[size] = -1;
      right[size] = -1;
      return size++;
    }

    void split(int node, int col, byte k, int v) {
      column[node] = col;
      kind[node] = k;
      value[node] = v;
      int l = add(node);
      int r = add(node);
      left[node] = l;
      right[node] = r;
    }
  }
}
