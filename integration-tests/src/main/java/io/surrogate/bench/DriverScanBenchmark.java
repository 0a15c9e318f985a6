package io.surrogate.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full scan of 1,000,000 synthetic rows through {@code jdbc:surrogate:} (warm partition cache) against a scan of
 * a 1,000,000-row table of the same shape read from H2 in-memory through H2's own driver, in the same JVM and run.
 * Also the latency of the first query on a fresh connection (planning included) and of a warm repeated aggregate.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class DriverScanBenchmark {
  private ScanFixture fixture;
  private Connection h2;
  private Connection surrogate;
  private int fresh;

  @Setup(Level.Trial)
  public void setUp() throws SQLException, IOException {
    fixture = new ScanFixture("bench_scan");
    h2 = DriverManager.getConnection(fixture.h2Url);
    surrogate = DriverManager.getConnection(fixture.surrogateUrl, fixture.properties);
    // trains on first use, then fills the partition cache
    ScanFixture.drain(surrogate, "SELECT * FROM events");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException, IOException {
    surrogate.close();
    h2.close();
    fixture.close();
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long scanSyntheticThroughSurrogate() throws SQLException {
    return ScanFixture.drain(surrogate, "SELECT * FROM events");
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long scanRealThroughH2() throws SQLException {
    return ScanFixture.drain(h2, "SELECT * FROM events");
  }

  /** A new connection and a query text it has never planned. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long firstQueryOnFreshConnection() throws SQLException {
    try (Connection c = DriverManager.getConnection(fixture.surrogateUrl, fixture.properties)) {
      return ScanFixture.drain(c, "SELECT kind, COUNT(*) FROM events WHERE qty > " + (++fresh % 1000) + " GROUP BY kind");
    }
  }

  /** The same small aggregate again on a warm connection: plan and partitions cached. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long warmRepeatAggregate() throws SQLException {
    return ScanFixture.drain(surrogate, "SELECT kind, COUNT(*) FROM events WHERE id <= 1000 GROUP BY kind");
  }
}
