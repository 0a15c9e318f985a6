package io.surrogate.synth.copula;

import io.surrogate.synth.Datasets;
import io.surrogate.synth.FitOptions;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.sample.PartitionedSampler;
import io.surrogate.synth.sample.Seeds;
import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Prints fit time and single-thread sampling throughput of the copula on hour.csv; never asserts on
 * time. Its name keeps it out of surefire's default includes, so a normal build never runs it: run it with
 * {@code -Dtest=CopulaBenchmark}, or through {@link #main}.
 */
class CopulaBenchmark {

  @Test
  void printFitAndSamplingSpeedOnHourCsv() {
    measure(Datasets.hour(), 3, 1_000_000);
  }

  /** Entry point for measuring outside JUnit (needs {@code -Dsurrogate.datasets}). */
  public static void main(String[] args) {
    measure(Datasets.hour(), 10, 5_000_000);
  }

  static void measure(TableData data, int fits, int rows) {
    for (PrivacyBudget budget : new PrivacyBudget[] {new PrivacyBudget(1, 1e-9),
        new PrivacyBudget(Double.POSITIVE_INFINITY, 0)}) {
      double[] fitMs = new double[fits];
      TableModel model = null;
      for (int i = 0; i < fits; i++) {
        long t0 = System.nanoTime();
        model = new CopulaGenerator().fit(data, FitOptions.of(budget, i)).model();
        fitMs[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(fitMs);
      int chunk = 10_000;
      Object[][] out = new Object[chunk][data.spec().width()];
      RandomGenerator random = Seeds.stream(1, 0);
      for (int i = 0; i < 50; i++) {
        model.sample(random, out);
      }
      long t0 = System.nanoTime();
      for (int done = 0; done < rows; done += chunk) {
        model.sample(random, out);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      PartitionedSampler sampler = new PartitionedSampler(model, 3, rows, chunk);
      long t1 = System.nanoTime();
      for (int p = 0; p < sampler.partitionCount(); p++) {
        sampler.partition(p);
      }
      double partitioned = (System.nanoTime() - t1) / 1e9;
      System.out.printf(Locale.ROOT,
          "copula on %s (%d rows, %d columns), eps=%s: fit min %.0f ms / median %.0f ms (max %.0f ms);"
              + " sampling %.2f M rows/s on one thread (%.2f M rows/s through PartitionedSampler, keys filled)%n",
          data.spec().name(), data.rowCount(), data.spec().width(), budget.epsilon(), fitMs[0], fitMs[fits / 2],
          fitMs[fits - 1], rows / seconds / 1e6, rows / partitioned / 1e6);
    }
  }
}
