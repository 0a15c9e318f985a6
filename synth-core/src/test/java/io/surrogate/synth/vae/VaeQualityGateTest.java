package io.surrogate.synth.vae;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.synth.Datasets;
import io.surrogate.synth.FitOptions;
import io.surrogate.synth.FitResult;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.metrics.QualityReport;
import io.surrogate.synth.sample.Seeds;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Quality gates of the vae generator on hour.csv (skipped when the shared datasets are absent), scored
 * against the real rows as the copula and CART gates are; prints score, training time (wall and CPU) and cost.
 *
 * <p>ε = ∞: 100 epochs, batch 500, learning rate 0.003; scores 0.9405 against the 0.93 bar (≈ 30 s CPU on
 * the 2-core machine; the 300-epoch, learning rate 0.001 run of the benchmark scores 0.9454 in ≈ 82 s CPU).
 * ε = 3: batch 4000, σ = 8, hidden 64, learning rate 0.01, epochs capped at 1000 so the budget decides
 * (405 steps, 94 epochs); scores 0.9077 against the 0.85 bar (≈ 13 s CPU). A larger σ buys more steps under
 * the same ε and large batches average its noise (σ = 4 stopped after 92 steps, σ = 6 after 222, both
 * scoring lower).
 * Both run by default; {@code -Dsurrogate.vae.gate=false} skips the ε = ∞ one on slow machines.
 * {@code -Dsurrogate.vae.gateEpochs=N} and {@code -Dsurrogate.vae.gateParams.inf} / {@code .dp}
 * ({@code key=value,key=value}) tune the runs.
 */
class VaeQualityGateTest {
  static final String EPOCHS = System.getProperty("surrogate.vae.gateEpochs");

  static Map<String, String> params(String epsKey, Map<String, String> defaults) {
    Map<String, String> out = new TreeMap<>(defaults);
    if (EPOCHS != null) {
      out.put("epochs", EPOCHS);
    }
    String extra = System.getProperty("surrogate.vae.gateParams" + epsKey, "");
    // a comma starts a new pair only before "key=", so hidden=128,128 stays one value
    for (String kv : extra.split(",(?=[a-z_]+=)")) {
      if (kv.contains("=")) {
        out.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
      }
    }
    return out;
  }

  static QualityReport fitAndScore(TableData real, double epsilon, double delta, Map<String, String> params) {
    long start = System.nanoTime();
    long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    FitResult fit = new VaeGenerator().fit(real, new FitOptions(new PrivacyBudget(epsilon, delta), 7, params,
        p -> { }));
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
    Object[][] rows = new Object[real.rowCount()][real.spec().width()];
    fit.model().sample(Seeds.stream(7, 0), rows);
    QualityReport report = QualityReport.compute(real, TableData.of(real.spec(), Arrays.asList(rows)));
    System.out.printf(Locale.ROOT, "vae %s eps=%s params=%s: score %.4f (shapes %.4f, trends %.4f), training %.1f s (%.1f s CPU"
        + " on this thread)%n"
        + "  cost: eps=%.4f delta=%.3g%n  %s%n", real.spec().name(), epsilon, params, report.score(),
        report.columnShapes(), report.pairTrends(), seconds, cpu, fit.cost().epsilon(), fit.cost().delta(),
        String.join("\n  ", fit.cost().releases()));
    return report;
  }

  @Test
  void hourAtInfiniteEpsilon() {
    assumeTrue(!"false".equals(System.getProperty("surrogate.vae.gate")),
        "vae quality gate at eps=inf skipped (-Dsurrogate.vae.gate=false)");
    QualityReport r = fitAndScore(Datasets.hour(), Double.POSITIVE_INFINITY, 0,
        params(".inf", Map.of("epochs", "100", "batch_size", "500", "learning_rate", "0.003")));
    assertTrue(r.score() >= 0.93, "hour.csv vae quality at eps=inf: " + r.score() + " (expected: >= 0.93)");
  }

  @Test
  void hourAtEpsilonThree() {
    QualityReport r = fitAndScore(Datasets.hour(), 3, 1e-6, params(".dp",
        Map.of("epochs", "1000", "batch_size", "4000", "noise_multiplier", "8", "hidden", "64",
            "learning_rate", "0.01")));
    assertTrue(r.score() >= 0.85, "hour.csv vae quality at eps=3: " + r.score() + " (expected: >= 0.85)");
  }
}
