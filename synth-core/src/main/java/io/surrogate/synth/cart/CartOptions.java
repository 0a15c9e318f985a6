package io.surrogate.synth.cart;

import io.surrogate.synth.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parsed and validated {@code params} of a CART fit.
 *
 * <p>Keys: {@code visit_order} (comma-separated column names; default: modelled columns in source
 * order), {@code max_depth} (cap on tree depth; default 8, or 16 under ε = ∞; under DP the fit lowers
 * it when leaves would hold too few rows for their noise), {@code min_leaf} (smallest noisy leaf count
 * kept; smaller leaves fall back to an ancestor's histogram; default 10, or 5 under ε = ∞),
 * {@code weights} ({@code col:w,col:w}, relative budget shares; default 1 each), {@code bins} (numeric
 * bins per column, default 20) and {@code structure} ({@code auto}, {@code em} or {@code random};
 * default auto).
 *
 * @param visitOrder modelled column indices in visit order
 * @param maxDepth cap on tree depth
 * @param minLeaf smallest noisy leaf count a leaf may sample from
 * @param weights budget weight per column index (0 for columns not modelled)
 * @param bins numeric bins per column
 * @param structure how splits are chosen
 */
record CartOptions(
    int[] visitOrder, int maxDepth, double minLeaf, double[] weights, int bins, Structure structure) {

  /** How tree splits are chosen. */
  enum Structure {
    /** Exponential mechanism when the budget makes it informative, random splits otherwise. */
    AUTO,
    /** Always the exponential mechanism over the public grid of splits. */
    EM,
    /** Data-independent random splits; the whole column budget goes to the leaves. */
    RANDOM
  }

  static final int DEFAULT_MAX_DEPTH = 8;
  static final int DEFAULT_EXACT_MAX_DEPTH = 16;
  static final double DEFAULT_MIN_LEAF = 10;
  static final double DEFAULT_EXACT_MIN_LEAF = 5;
  static final int DEFAULT_BINS = 20;
  private static final List<String> KEYS =
      List.of("visit_order", "max_depth", "min_leaf", "weights", "bins", "structure");

  /**
   * Parses {@code params} against {@code spec}; {@code exact} (ε = ∞) picks the defaults of a
   * no-noise fit, which can afford deeper trees and smaller leaves.
   *
   * @throws IllegalArgumentException naming the field, its value and what was expected
   */
  static CartOptions parse(TableSpec spec, Map<String, String> params, boolean exact) {
    for (String key : params.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "cart option '" + key + "': unknown (expected one of: " + String.join(", ", KEYS) + ")");
      }
    }
    int[] order = visitOrder(spec, params.get("visit_order"));
    int maxDepth = intParam(params, "max_depth", exact ? DEFAULT_EXACT_MAX_DEPTH : DEFAULT_MAX_DEPTH, 1, 20);
    int bins = intParam(params, "bins", DEFAULT_BINS, 1, 1000);
    double minLeaf = exact ? DEFAULT_EXACT_MIN_LEAF : DEFAULT_MIN_LEAF;
    String raw = params.get("min_leaf");
    if (raw != null) {
      minLeaf = number("min_leaf", raw);
      if (!(minLeaf >= 0) || Double.isInfinite(minLeaf)) {
        throw new IllegalArgumentException("min_leaf: " + raw + " (expected: finite and >= 0)");
      }
    }
    double[] weights = weights(spec, order, params.get("weights"));
    Structure structure = Structure.AUTO;
    String s = params.get("structure");
    if (s != null) {
      try {
        structure = Structure.valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("structure: '" + s + "' (expected one of: auto, em, random)", e);
      }
    }
    return new CartOptions(order, maxDepth, minLeaf, weights, bins, structure);
  }

  private static int[] visitOrder(TableSpec spec, String raw) {
    List<Integer> order = new ArrayList<>();
    if (raw == null || raw.isBlank()) {
      for (int c = 0; c < spec.width(); c++) {
        if (spec.column(c).isModelled()) {
          order.add(c);
        }
      }
    } else {
      for (String part : raw.split(",", -1)) {
        int c = column(spec, "visit_order", part.trim());
        if (!spec.column(c).isModelled()) {
          throw new IllegalArgumentException("visit_order: column '" + part.trim() + "' is "
              + spec.column(c).role().name().toLowerCase(Locale.ROOT) + " (expected: a value column)");
        }
        if (order.contains(c)) {
          throw new IllegalArgumentException("visit_order: column '" + part.trim() + "' twice (expected: once)");
        }
        order.add(c);
      }
      for (int c = 0; c < spec.width(); c++) {
        if (spec.column(c).isModelled() && !order.contains(c)) {
          throw new IllegalArgumentException(
              "visit_order: column '" + spec.column(c).name() + "' missing (expected: every value column)");
        }
      }
    }
    return order.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double[] weights(TableSpec spec, int[] order, String raw) {
    double[] w = new double[spec.width()];
    for (int c : order) {
      w[c] = 1;
    }
    if (raw == null || raw.isBlank()) {
      return w;
    }
    Map<Integer, Double> given = new LinkedHashMap<>();
    for (String part : raw.split(",", -1)) {
      int colon = part.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("weights: '" + part.trim() + "' (expected: column:weight)");
      }
      int c = column(spec, "weights", part.substring(0, colon).trim());
      double v = number("weights", part.substring(colon + 1).trim());
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(
            "weights: " + spec.column(c).name() + ":" + part.substring(colon + 1).trim() + " (expected: > 0)");
      }
      if (!spec.column(c).isModelled()) {
        throw new IllegalArgumentException(
            "weights: column '" + spec.column(c).name() + "' is not modelled (expected: a value column)");
      }
      given.put(c, v);
    }
    given.forEach((c, v) -> w[c] = v);
    return w;
  }

  private static int column(TableSpec spec, String field, String name) {
    int c = spec.indexOf(name);
    if (c < 0) {
      List<String> names = new ArrayList<>();
      spec.columns().forEach(col -> names.add(col.name()));
      throw new IllegalArgumentException(
          field + ": unknown column '" + name + "' (expected one of: " + String.join(", ", names) + ")");
    }
    return c;
  }

  private static int intParam(Map<String, String> params, String key, int dflt, int min, int max) {
    String raw = params.get(key);
    if (raw == null) {
      return dflt;
    }
    int v;
    try {
      v = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": '" + raw + "' (expected: an integer)", e);
    }
    if (v < min) {
      throw new IllegalArgumentException(key + ": " + v + " (expected: > " + (min - 1) + ")");
    }
    if (v > max) {
      throw new IllegalArgumentException(key + ": " + v + " (expected: <= " + max + ")");
    }
    return v;
  }

  private static double number(String field, String raw) {
    try {
      return Double.parseDouble(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": '" + raw + "' (expected: a number)", e);
    }
  }
}
