package io.surrogate.synth.cart;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.surrogate.synth.FitOptions;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.sample.Seeds;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Prints fit time on bike-sharing hours at ε = 1 (target &lt; 5 s on a 2-core machine) and one-thread
 * sampling throughput (target ≥ 500,000 rows/s). Measurements only: timings are never asserted.
 */
class CartPerformanceTest {

  @Test
  void measureFitAndSampling() {
    TableData data = SharedDatasets.bikeHours();
    FitOptions options = FitOptions.of(new PrivacyBudget(1, 1e-9), 1);
    new CartGenerator().fit(data, options); // warm-up
    long best = Long.MAX_VALUE;
    TableModel model = null;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      model = new CartGenerator().fit(data, options).model();
      best = Math.min(best, System.nanoTime() - t0);
    }
    Object[][] rows = new Object[100_000][data.spec().width()];
    model.sample(Seeds.stream(1, 0), rows); // warm-up
    double bestRate = 0;
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      model.sample(Seeds.stream(1, i), rows);
      bestRate = Math.max(bestRate, rows.length / ((System.nanoTime() - t0) / 1e9));
    }
    System.out.printf(Locale.ROOT, "[perf] cart fit hour.csv (%d rows, eps=1): %.0f ms (target < 5000); "
        + "sampling one thread: %.0f rows/s (target >= 500000); model %d bytes%n",
        data.rowCount(), best / 1e6, bestRate, model.toBytes().length);
    long t0 = System.nanoTime();
    FitOptions unlimited = FitOptions.of(new PrivacyBudget(Double.POSITIVE_INFINITY, 1e-9), 1);
    TableModel exact = new CartGenerator().fit(data, unlimited).model();
    System.out.printf(Locale.ROOT, "[perf] cart fit hour.csv at eps=infinity: %.0f ms; model %d bytes%n",
        (System.nanoTime() - t0) / 1e6, exact.toBytes().length);
    for (Object[] row : rows) {
      assertNotNull(row[1], "dteday is modelled and NOT NULL");
    }
  }
}
