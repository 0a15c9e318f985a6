package io.surrogate.it.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.eval.EvalResult;
import io.surrogate.eval.Evaluator;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.io.CsvTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Quality gate: copula and cart at ε ∈ {1, ∞} on hour.csv (without casual/registered) and german_credit.csv,
 * with floors set from measured values (see the printed table). TSTR is not part of the gate yet.
 */
class EvalQualityGateIT {

  private static final double[] EPSILONS = {1.0, Double.POSITIVE_INFINITY};

  @Test
  void generatorsMeetFidelityAndPrivacyFloors() throws Exception {
    Path root = Path.of(System.getProperty("surrogate.datasets", "../shared/datasets"));
    Assumptions.assumeTrue(Files.isDirectory(root), "shared datasets absent: " + root);
    List<TableData> tables = List.of(
        load(root.resolve("bike_sharing/hour.csv"), "hour", List.of("casual", "registered")),
        load(root.resolve("german_credit/german_credit.csv"), "german_credit", List.of()));
    List<String> failures = new ArrayList<>();
    System.out.println("table          generator eps   quality shapes pairs  dcr->train exact(tr/ho) attackAUC valid");
    for (TableData data : tables) {
      for (String generator : List.of("copula", "cart")) {
        for (double eps : EPSILONS) {
          EvalResult r = new Evaluator(0.2, 1, 1000).evaluate(data, generator, new PrivacyBudget(eps, 1e-6), s -> { });
          System.out.printf(Locale.ROOT, "%-14s %-9s %-5s %.3f   %.3f  %.3f  %.3f      %.3f/%.3f   %.3f     %s%n",
              r.table(), generator, Double.isInfinite(eps) ? "inf" : "1", r.quality().score(),
              r.quality().columnShapes(), r.quality().pairTrends(), r.privacy().closerToTrainShare(),
              r.privacy().exactMatchTrain(), r.privacy().exactMatchHoldout(), r.privacy().attackAuc(),
              r.diagnostics().allValid());
          check(r, eps, failures);
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  private static void check(EvalResult r, double eps, List<String> failures) {
    String id = r.table() + "/" + r.generator() + "/eps=" + eps;
    // Floors sit ~0.05 below the values measured on 2026-11-23 (lowest: german cart ε=1 quality 0.596, ε=∞ 0.946).
    double qualityFloor = Double.isInfinite(eps) ? 0.90 : 0.55;
    if (r.quality().score() < qualityFloor) {
      failures.add(id + ": quality " + r.quality().score() + " < " + qualityFloor);
    }
    if (!r.diagnostics().allValid()) {
      failures.add(id + ": synthetic values outside declared bounds/domains or invalid keys");
    }
    // At ε = ∞ nothing bounds memorisation, so only the ε = 1 runs carry the privacy floors from the brief.
    if (!Double.isInfinite(eps)) {
      if (r.privacy().closerToTrainShare() > 0.60) {
        failures.add(id + ": DCR share closer to train " + r.privacy().closerToTrainShare() + " > 0.60");
      }
      if (r.privacy().attackAuc() > 0.60) {
        failures.add(id + ": membership attack AUC " + r.privacy().attackAuc() + " > 0.60");
      }
    }
  }

  static TableData load(Path file, String name, List<String> drop) throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(file), "shared datasets absent: " + file);
    TableSpec full = CsvTables.inferSpec(file, name, 20);
    TableData data = CsvTables.read(file, full);
    List<ColumnSpec> kept = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    for (int c = 0; c < full.width(); c++) {
      if (!drop.contains(full.column(c).name())) {
        kept.add(full.column(c));
        index.add(c);
      }
    }
    List<Object[]> rows = new ArrayList<>(data.rowCount());
    for (Object[] row : data.rows()) {
      Object[] out = new Object[index.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = row[index.get(i)];
      }
      rows.add(out);
    }
    return TableData.of(new TableSpec(name, kept), rows);
  }
}
