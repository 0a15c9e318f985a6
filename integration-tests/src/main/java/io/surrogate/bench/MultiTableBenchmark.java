package io.surrogate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
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
 * Multi-table synthesis through {@code jdbc:surrogate:} with the partition cache off (every scan synthesizes):
 * a generated 5-table schema whose {@code orders} child has about 1,000,000 rows laid out under 100,000 synthetic
 * customers (plus a choice of synthetic shop), against single-table synthesis of a 1,000,000-row {@code flat_orders}
 * table of the same columns without links; and all five Chinook sensitive tables together (when the shared
 * datasets are present).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class MultiTableBenchmark {
  static final int CUSTOMERS = 100_000;
  static final int ORDERS = 1_000_000;
  private Path dir;
  private Connection keepAlive;
  private Connection surrogate;
  private Connection chinook;
  private Connection chinookSource;

  @Setup(Level.Trial)
  public void setUp() throws SQLException, IOException {
    dir = Files.createTempDirectory("surrogate-multi-bench");
    String h2 = "jdbc:h2:mem:bench_multi;DB_CLOSE_DELAY=-1";
    keepAlive = DriverManager.getConnection(h2);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE regions (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)");
      s.execute("INSERT INTO regions SELECT x, 'r' || x FROM SYSTEM_RANGE(1, 10)");
      s.execute("CREATE TABLE shops (id INT PRIMARY KEY, region_id INT NOT NULL REFERENCES regions, floor_area INT"
          + " NOT NULL)");
      s.execute("INSERT INTO shops SELECT x, 1 + MOD(x, 10), 100 + MOD(x * 37, 900) FROM SYSTEM_RANGE(1, 1000)");
      s.execute("CREATE TABLE customers (id INT PRIMARY KEY, region_id INT NOT NULL REFERENCES regions,"
          + " age INT NOT NULL)");
      s.execute("INSERT INTO customers SELECT x, 1 + MOD(x * 7, 10), 18 + MOD(x * 13, 70) FROM SYSTEM_RANGE(1, "
          + CUSTOMERS + ")");
      String columns = "amount DOUBLE PRECISION NOT NULL, qty INT NOT NULL, kind VARCHAR(4) NOT NULL";
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers,"
          + " shop_id INT NOT NULL REFERENCES shops, " + columns + ")");
      s.execute("CREATE TABLE flat_orders (id INT PRIMARY KEY, customer_ref INT NOT NULL, shop_ref INT NOT NULL, "
          + columns + ")");
      String rows = " SELECT x, 1 + MOD(x * 7919, " + CUSTOMERS + "), 1 + MOD(x * 31, 1000), MOD(x * 104729, 10007)"
          + " / 10.0, 1 + MOD(x, 5), 'k' || MOD(x, 4) FROM SYSTEM_RANGE(1, " + ORDERS + ")";
      s.execute("INSERT INTO orders" + rows);
      s.execute("INSERT INTO flat_orders" + rows);
    }
    Path policy = Files.writeString(dir.resolve("multi.yaml"), "privacy: { epsilon: 1.0, delta: 1e-9, budget: 100 }\n"
        + "tables:\n  regions: { mode: real }\n"
        + "  orders: { columns: { kind: { domain: [k0, k1, k2, k3] } } }\n"
        + "  flat_orders: { rows: " + ORDERS + ", columns: { kind: { domain: [k0, k1, k2, k3] } } }\n",
        StandardCharsets.UTF_8);
    surrogate = DriverManager.getConnection("jdbc:surrogate:" + h2.substring("jdbc:".length()),
        properties(policy, "multi-catalog"));
    // trains on first use (not measured)
    ScanFixture.drain(surrogate, "SELECT COUNT(*) FROM orders");
    ScanFixture.drain(surrogate, "SELECT COUNT(*) FROM flat_orders");
    if (ChinookDatabase.present()) {
      String url = "jdbc:h2:mem:bench_chinook;DB_CLOSE_DELAY=-1";
      chinookSource = DriverManager.getConnection(url);
      ChinookDatabase.load(chinookSource, ChinookDatabase.folder());
      Path p = Files.writeString(dir.resolve("chinook.yaml"), ChinookDatabase.policy("1.0", "cart"),
          StandardCharsets.UTF_8);
      chinook = DriverManager.getConnection("jdbc:surrogate:" + url.substring("jdbc:".length()),
          properties(p, "chinook-catalog"));
      chinookTables();
    }
  }

  private Properties properties(Path policy, String catalog) {
    Properties p = new Properties();
    p.setProperty("policy", policy.toString());
    p.setProperty("catalog", "jdbc:h2:file:" + dir.resolve(catalog).toAbsolutePath());
    p.setProperty("cacheBytes", "0");
    return p;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException, IOException {
    surrogate.close();
    keepAlive.close();
    if (chinook != null) {
      chinook.close();
      chinookSource.close();
    }
    try (var files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(f);
      }
    }
  }

  /** About 1,000,000 child rows, each laid out under an existing synthetic customer with a synthetic shop. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long scanLinkedOrders() throws SQLException {
    return ScanFixture.drain(surrogate, "SELECT * FROM orders");
  }

  /** Baseline: 1,000,000 rows of the same columns from one table without links. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long scanFlatOrders() throws SQLException {
    return ScanFixture.drain(surrogate, "SELECT * FROM flat_orders");
  }

  /** Every synthetic table of the generated schema: customers, shops and orders (regions are real). */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long scanWholeGeneratedSchema() throws SQLException {
    return ScanFixture.drain(surrogate, "SELECT * FROM customers") + ScanFixture.drain(surrogate, "SELECT * FROM shops")
        + ScanFixture.drain(surrogate, "SELECT * FROM orders");
  }

  /** Customer, Employee, Invoice, InvoiceLine and PlaylistTrack of Chinook, synthesized together (0 without data). */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long chinookTables() throws SQLException {
    if (chinook == null) {
      return 0;
    }
    long sum = 0;
    for (String t : new String[] {"Employee", "Customer", "Invoice", "InvoiceLine", "PlaylistTrack"}) {
      sum += ScanFixture.drain(chinook, "SELECT * FROM " + t);
    }
    return sum;
  }
}
