package io.surrogate.bench;

import io.surrogate.synth.FitOptions;
import io.surrogate.synth.Generators;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.sample.Seeds;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fit time at ε = 1 and single-thread sampling throughput of each generator on hour.csv
 * (17,379 × 17). {@code sample} reports rows per second. The vae fits with the quality gate's DP options (batch
 * 4000, σ = 8, hidden 64, learning rate 0.01, the budget deciding the steps), which take seconds to tens of
 * seconds per fit, so a short run ({@code -wi 1 -i 2}) keeps it to a few minutes; run with
 * {@code OMP_NUM_THREADS=1} on small machines (bench.sh sets it).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class GeneratorBenchmark {
  private static final int ROWS = 100_000;

  @Param({"copula", "cart", "vae"})
  public String generator;

  private TableData hour;
  private TableModel model;
  private Object[][] out;
  private RandomGenerator random;
  private long fitSeed;

  @Setup(Level.Trial)
  public void load() throws IOException {
    hour = BenchData.hour();
    model = fit(1);
    out = new Object[ROWS][hour.spec().width()];
    random = Seeds.stream(7, 0);
  }

  private TableModel fit(long seed) {
    return Generators.forName(generator).fit(hour, new FitOptions(new PrivacyBudget(1.0, 1e-9), seed,
        params(generator), p -> { })).model();
  }

  /**
   * Fit options per generator: the defaults, except the vae's DP settings from the quality gate, with 0.3 of ε for
   * its preprocessing (at the default 0.1 the noisy category threshold can drop every category of a small column
   * such as {@code mnth}, and the fit is refused).
   */
  static Map<String, String> params(String generator) {
    return generator.equals("vae") ? Map.of("epochs", "1000", "batch_size", "4000", "noise_multiplier", "8",
        "hidden", "64", "learning_rate", "0.01", "preprocess_share", "0.3") : Map.of();
  }

  /** One DP fit at ε = 1; a new seed each time so no work is reused. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public TableModel fit() {
    return fit(++fitSeed);
  }

  /**
   * The same-run baseline for {@link #sample()}: the rows per second of merely filling the same cells with boxed
   * uniform doubles from the same random stream, i.e. the floor any row generator pays.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(ROWS)
  public Object[][] baselineUniformFill() {
    for (Object[] row : out) {
      for (int c = 0; c < row.length; c++) {
        row[c] = random.nextDouble();
      }
    }
    return out;
  }

  /** Rows drawn per second on one thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(ROWS)
  public Object[][] sample() {
    model.sample(random, out);
    return out;
  }
}
