package io.surrogate.synth.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.sample.Seeds;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Prints the plain-Java decoder's sampling speed on one thread for an hour.csv-shaped model (17 columns,
 * latent 32, hidden 128,128, random weights: the speed does not depend on their values); asserts nothing
 * about time.
 */
class VaeSamplingBenchmarkTest {

  @Test
  void printsRowsPerSecondOnOneThread() {
    List<ColumnSpec> cols = new ArrayList<>();
    List<VaeLayout.Block> blocks = new ArrayList<>();
    int[] categories = {4, 2, 12, 24, 2, 7, 2, 4};
    for (int c = 0; c < categories.length; c++) {
      cols.add(ColumnSpec.of("c" + c, ColumnKind.CATEGORICAL).withNullable(false));
      List<String> values = new ArrayList<>();
      for (int k = 0; k < categories[c]; k++) {
        values.add(Integer.toString(k));
      }
      blocks.add(new VaeLayout.Block(c, values, 0, 0, false));
    }
    for (int c = 0; c < 9; c++) {
      cols.add(ColumnSpec.of("x" + c, ColumnKind.FLOAT).withNullable(false));
      blocks.add(new VaeLayout.Block(categories.length + c, null, 0, 1000, false));
    }
    VaeLayout layout = new VaeLayout(new TableSpec("bench", cols), blocks);
    int[] widths = {32, 128, 128, layout.width()};
    RandomGenerator init = Seeds.stream(1, "bench-init");
    float[][] w = new float[3][];
    float[][] b = new float[3][];
    for (int l = 0; l < 3; l++) {
      w[l] = new float[widths[l] * widths[l + 1]];
      b[l] = new float[widths[l + 1]];
      for (int i = 0; i < w[l].length; i++) {
        w[l][i] = (float) (init.nextGaussian() / Math.sqrt(widths[l]));
      }
    }
    VaeModel model = new VaeModel(layout, 17379, 32, w, b);
    Object[][] rows = new Object[10_000][cols.size()];
    for (int warm = 0; warm < 5; warm++) {
      // lets the JIT finish compiling the layer loops before the clock starts
      model.sample(Seeds.stream(1, warm), rows);
    }
    int rounds = 20;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    for (int r = 0; r < rounds; r++) {
      model.sample(Seeds.stream(2, r), rows);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    System.out.printf(Locale.ROOT, "vae sampling: %.0f rows/s on one thread (%d rows in %.2f s wall; %.0f rows per"
        + " CPU second, which other load on the machine disturbs less)%n", rounds * rows.length / seconds,
        rounds * rows.length, seconds, rounds * rows.length / cpu);
    assertEquals(cols.size(), rows[0].length);
  }
}
