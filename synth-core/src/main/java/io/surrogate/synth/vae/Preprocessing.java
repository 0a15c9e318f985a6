package io.surrogate.synth.vae;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.dp.CategoryDomains;
import io.surrogate.synth.dp.DpBounds;
import io.surrogate.synth.dp.NoisyCount;
import io.surrogate.synth.dp.ZcdpAccountant;
import io.surrogate.synth.sample.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The DP releases before training: the row count, bounds of numeric columns without public ones, and
 * domains of categorical columns without public ones, each ρ-zCDP with equal shares of the preprocessing ρ.
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

  static Preprocessing run(TableData data, PrivacyBudget budget, VaeOptions params, long seed) {
    TableSpec spec = data.spec();
    boolean unlimited = budget.isUnlimited();
    List<ColumnSpec> modelled = spec.columns().stream().filter(ColumnSpec::isModelled).toList();
    int boundsNeeded = 0;
    int domainsNeeded = 0;
    for (ColumnSpec c : modelled) {
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
    double rhoEach = rhoTotal / (1 + boundsNeeded + domainsNeeded);
    double failureDelta = unlimited ? 0 : budget.delta() / 2 / Math.max(1, domainsNeeded);
    List<String> lines = new ArrayList<>();
    long noisyRows = NoisyCount.release(data.rowCount(), rhoEach, Seeds.stream(seed, "vae/count"));
    lines.add(line("row count (Gaussian, sensitivity 1)", rhoEach));
    List<VaeLayout.Block> blocks = new ArrayList<>();
    for (ColumnSpec c : modelled) {
      int index = spec.indexOf(c.name());
      String key = c.name().toLowerCase(Locale.ROOT);
      Object[] values = data.column(index);
      if (c.kind() == ColumnKind.BOOLEAN) {
        blocks.add(new VaeLayout.Block(index, VaeLayout.booleanCategories(c.nullable()), 0, 0, false));
      } else if (c.kind() == ColumnKind.CATEGORICAL) {
        blocks.add(new VaeLayout.Block(index, categories(c, values, rhoEach, failureDelta, seed, key, lines), 0, 0,
            false));
      } else {
        double[] bounds = c.hasBounds() ? VaeLayout.publicBounds(c) : bounds(c, values, rhoEach, seed, key, lines);
        blocks.add(new VaeLayout.Block(index, null, bounds[0], bounds[1], c.nullable()));
      }
    }
    return new Preprocessing(new VaeLayout(spec, blocks), noisyRows, unlimited ? rhoTotal
        : rhoEach * (1 + boundsNeeded + domainsNeeded), lines, domainsNeeded, failureDelta);
  }

  private static boolean isNumeric(ColumnSpec c) {
    return c.kind() != ColumnKind.CATEGORICAL && c.kind() != ColumnKind.BOOLEAN;
  }

  private static double[] bounds(ColumnSpec c, Object[] values, double rho, long seed, String key,
      List<String> lines) {
    double[] present = java.util.Arrays.stream(values).filter(v -> v != null)
        .mapToDouble(v -> VaeLayout.units(c, v)).toArray();
    DpBounds.Bounds b = DpBounds.release(present, rho, Seeds.stream(seed, "vae/bounds/" + key));
    lines.add(line("bounds of " + c.name() + " (two-stage Gaussian histograms)", rho));
    return new double[] {b.lower(), b.upper()};
  }

  private static List<String> categories(ColumnSpec c, Object[] values, double rho, double delta, long seed,
      String key, List<String> lines) {
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
      CategoryDomains.Release release = CategoryDomains.thresholded(counts, rho, delta,
          Seeds.stream(seed, "vae/domain/" + key));
      lines.add(line("categories of " + c.name() + " (thresholded Gaussian counts, delta " + delta + ")", rho));
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
