package io.surrogate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.surrogate.proxy.ProxyConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The side-by-side bench: in one run, each Surrogate path next to the baseline it replaces, measured moments apart
 * on the same machine, printed as a table of ratios and written as JSON. Run it with
 * {@code integration-tests/bench.sh side-by-side [--out FILE]}; it needs PostgreSQL on 127.0.0.1:5432.
 *
 * <p>Measured: a driver scan of N synthetic rows (warm cache) against H2 scanning N real rows; point queries by
 * key from 8 prepared pgJDBC clients through the proxy against the same queries sent straight to PostgreSQL, on a
 * real table and on a synthetic one (warm cache), and through a {@link ByteRelay} as the ceiling; N synthetic rows
 * streamed through the proxy to pgJDBC with a fetch size against the same read of N real rows straight from
 * PostgreSQL. The proxy runs in its own JVM ({@link ProxyProcess}, {@code -Xmx512m} unless told).
 */
public final class SideBySide {

  private final SideBySideOptions options;
  private final PrintStream log;

  SideBySide(SideBySideOptions options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  /** Entry point of {@code bench.sh side-by-side}. */
  public static void main(String[] args) throws Exception {
    SideBySideOptions options = SideBySideOptions.parse(args);
    Map<String, Object> report = new SideBySide(options, System.err).run();
    System.out.print(table(report));
    write(report, options.out());
    System.out.println("JSON: " + options.out().toAbsolutePath());
  }

  /** Runs every measurement and returns the report (settings, environment, results). */
  Map<String, Object> run() throws Exception {
    List<Map<String, Object>> results = new ArrayList<>();
    Map<String, Object> timings = new LinkedHashMap<>();
    results.add(driverScan());
    proxy(results, timings);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("settings", options.asMap());
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("java", System.getProperty("java.version"));
    env.put("cpus", Runtime.getRuntime().availableProcessors());
    env.put("benchJvmMaxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
    report.put("environment", env);
    report.put("results", results);
    report.put("timings", timings);
    return report;
  }

  private Map<String, Object> driverScan() throws Exception {
    int n = options.rows();
    log.printf(Locale.ROOT, "[side-by-side] driver scan: %,d rows, H2 source%n", n);
    try (ScanFixture fixture = new ScanFixture("sidebyside_" + ProcessHandle.current().pid(), n);
        Connection h2 = DriverManager.getConnection(fixture.h2Url);
        Connection surrogate = DriverManager.getConnection(fixture.surrogateUrl, fixture.properties)) {
      long t0 = System.nanoTime();
      ScanFixture.drain(surrogate, "SELECT * FROM events");
      log.printf(Locale.ROOT, "[side-by-side] first synthetic scan (DP training + cache fill): %.1f s%n",
          (System.nanoTime() - t0) / 1e9);
      double synthetic = median(() -> ScanFixture.drain(surrogate, "SELECT * FROM events"));
      double real = median(() -> ScanFixture.drain(h2, "SELECT * FROM events"));
      return result("driver scan, synthetic rows, jdbc:surrogate, warm cache", n / synthetic, "rows/s",
          "H2 in-memory scan of real rows", n / real);
    }
  }

  /**
   * A sandbox of the twin through the proxy ({@code dbname=sandbox-NAME}): how long its creation (the first
   * connection) and a reset take, and INSERT ... RETURNING from 8 clients in it against the same loop through the
   * byte relay into the source's own table.
   */
  private Map<String, Object> sandboxWrites(PgBenchSchema pg, int proxyPort, Properties client,
      Map<String, Object> timings) throws Exception {
    String name = "bench_" + ProcessHandle.current().pid();
    String url = "jdbc:postgresql://127.0.0.1:" + proxyPort + "/sandbox-" + name;
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url, client)) {
      c.isValid(5);
    }
    double createMs = (System.nanoTime() - t0) / 1e6;
    timings.put("sandboxCreateMs", createMs);
    log.printf(Locale.ROOT, "[side-by-side] sandbox %s created by its first connection in %.0f ms (%,d-row"
        + " synthetic table and %,d-row public table)%n", name, createMs, options.rows(), options.rows());
    java.util.regex.Matcher m = address(pg);
    int pgPort = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
    String sql = "insert into members (id, age, income, sex) values (?, 30, 1.5, 'F') returning id";
    double[] a = new double[options.rounds()];
    double[] b = new double[options.rounds()];
    try (ByteRelay relay = ByteRelay.start(m.group(1), pgPort, ProxyConfig.defaultIoThreads())) {
      String relayUrl = "jdbc:postgresql://127.0.0.1:" + relay.port() + m.group(3);
      int base = options.rows() + 1;
      for (int r = 0; r < a.length; r++) {
        a[r] = inserts(() -> pg.open(relayUrl), sql, base + 2 * r * insertBlock());
        b[r] = inserts(() -> DriverManager.getConnection(url, client), sql, base + (2 * r + 1) * insertBlock());
      }
    }
    Arrays.sort(a);
    Arrays.sort(b);
    return result("insert ... returning, " + options.clients() + " clients, proxy into a sandbox", b[b.length / 2],
        "rows/s", "same loop through the byte relay into PostgreSQL", a[a.length / 2]);
  }

  /** The host (group 1), port (2, or null) and path (3) of the bench's PostgreSQL URL. */
  private static java.util.regex.Matcher address(PgBenchSchema pg) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?(/.*)$")
        .matcher(pg.url);
    if (!m.matches()) {
      throw new IllegalArgumentException("--pg-url: " + pg.url + " (expected: jdbc:postgresql://host[:port]/db)");
    }
    return m;
  }

  private int insertBlock() {
    return options.clients() * (int) Math.min(Integer.MAX_VALUE / 64, options.queries());
  }

  /** {@code clients} threads inserting {@code queries} rows each with keys from {@code firstKey}; rows per second. */
  private double inserts(PointQueryLoad.Opener opener, String sql, int firstKey) throws Exception {
    int clients = options.clients();
    int per = (int) Math.min(Integer.MAX_VALUE / 64, options.queries());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < clients; t++) {
        int from = firstKey + t * per;
        done.add(pool.submit(() -> {
          try (Connection c = opener.open(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < per; i++) {
              ps.setInt(1, from + i);
              try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != from + i) {
                  throw new IllegalStateException("insert returned no id for key " + (from + i));
                }
              }
            }
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
      return (double) clients * per / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private void proxy(List<Map<String, Object>> results, Map<String, Object> timings) throws Exception {
    int n = options.rows();
    log.printf(Locale.ROOT, "[side-by-side] PostgreSQL schema: members (real) and patients (synthetic), %,d rows"
        + " each%n", n);
    Path dir = Files.createTempDirectory("surrogate-sidebyside");
    try (PgBenchSchema pg = new PgBenchSchema(options.pgUrl(), options.pgUser(), n);
        ProxyProcess server = startProxy(pg, dir)) {
      String proxyUrl = "jdbc:postgresql://127.0.0.1:" + server.port() + "/bench";
      Properties client = new Properties();
      client.setProperty("user", "bench");
      client.setProperty("prepareThreshold", "1");
      String stream = "select id, age, income, sex from patients";
      try (Connection viaProxy = DriverManager.getConnection(proxyUrl, client); Connection direct = pg.open()) {
        long t0 = System.nanoTime();
        RowStream first = RowStream.read(viaProxy, stream, options.fetchSize());
        log.printf(Locale.ROOT, "[side-by-side] first synthetic stream (DP training + cache fill): %,d rows, %.1f s%n",
            first.rows(), (System.nanoTime() - t0) / 1e9);
        double proxied = median(() -> checkedStream(viaProxy, stream, n));
        double real = median(() -> checkedStream(direct, stream, n));
        results.add(result("stream synthetic rows, proxy to pgJDBC, fetch " + options.fetchSize(),
            n / proxied, "rows/s", "real rows straight from PostgreSQL", n / real));
      }
      PointQueryLoad prepared = new PointQueryLoad(options.clients(), options.warmQueries(), options.queries(), n,
          20_261_123L);
      for (PointQueryLoad load : List.of(prepared, prepared.asLiteral())) {
        String mode = load.literal() ? "literal SQL" : "prepared";
        for (String table : List.of("members", "patients")) {
          String sql = "select age, sex from " + table + " where id = ?";
          log.printf(Locale.ROOT, "[side-by-side] point queries on %s, %s: %d clients x %d queries%n", table, mode,
              options.clients(), options.queries());
          double[] pair = alternating(load, sql, pg::open, () -> DriverManager.getConnection(proxyUrl, client));
          double direct = pair[0];
          double proxied = pair[1];
          String what = table.equals("members") ? "real table" : "synthetic table";
          results.add(result("point query by key, " + mode + ", proxy, " + what + ", " + options.clients()
              + " clients", proxied, "queries/s", "same query straight to PostgreSQL", direct));
          if (table.equals("members")) {
            results.add(relayCeiling(load, pg, sql));
          }
        }
      }
      results.add(sandboxWrites(pg, server.port(), client, timings));
    } finally {
      Path log = dir.resolve("proxy.log");
      if (Files.exists(log)) {
        Path kept = options.out().toAbsolutePath().resolveSibling("side-by-side-proxy.log");
        Files.createDirectories(kept.getParent());
        Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      try (var files = Files.walk(dir)) {
        for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /**
   * The same real-table load through {@link ByteRelay}, which only copies bytes: the most any process between
   * pgJDBC and PostgreSQL can keep of the direct throughput on this machine.
   */
  private Map<String, Object> relayCeiling(PointQueryLoad load, PgBenchSchema pg, String sql) throws Exception {
    java.util.regex.Matcher m = address(pg);
    int pgPort = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
    log.printf(Locale.ROOT, "[side-by-side] point queries on members through a byte relay (ceiling)%n");
    try (ByteRelay relay = ByteRelay.start(m.group(1), pgPort, ProxyConfig.defaultIoThreads())) {
      String relayUrl = "jdbc:postgresql://127.0.0.1:" + relay.port() + m.group(3);
      double[] pair = alternating(load, sql, pg::open, () -> pg.open(relayUrl));
      double direct = pair[0];
      double relayed = pair[1];
      return result("point query by key, " + (load.literal() ? "literal SQL" : "prepared") + ", byte relay (no"
          + " parsing: the ceiling), real table, " + options.clients() + " clients", relayed, "queries/s",
          "same query straight to PostgreSQL", direct);
    }
  }

  /**
   * Medians over {@code rounds} of the baseline and the measured path, run one after the other in each round, so a
   * slow stretch of the shared machine hits both sides alike.
   */
  private double[] alternating(PointQueryLoad load, String sql, PointQueryLoad.Opener baseline,
      PointQueryLoad.Opener measured) throws Exception {
    double[] a = new double[options.rounds()];
    double[] b = new double[options.rounds()];
    for (int r = 0; r < a.length; r++) {
      a[r] = load.queriesPerSecond(baseline, sql);
      b[r] = load.queriesPerSecond(measured, sql);
    }
    Arrays.sort(a);
    Arrays.sort(b);
    return new double[] {a[a.length / 2], b[b.length / 2]};
  }

  private ProxyProcess startProxy(PgBenchSchema pg, Path dir) throws IOException, InterruptedException {
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xmx" + options.proxyHeap());
    if (!options.proxyJavaOptions().isBlank()) {
      jvm.addAll(Arrays.asList(options.proxyJavaOptions().trim().split("\\s+")));
    }
    String classPath = System.getProperty("surrogate.bench.classpath", System.getProperty("java.class.path"));
    Path policy = writePolicy(dir);
    List<String> serve = new ArrayList<>(List.of("--policy", policy.toString(), "--source", pg.url,
        "--catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath(), "--user", pg.user,
        "--schema", pg.schema));
    if (!options.proxyServeArguments().isBlank()) {
      serve.addAll(Arrays.asList(options.proxyServeArguments().trim().split("\\s+")));
    }
    log.printf(Locale.ROOT, "[side-by-side] proxy JVM: %s (log kept beside the JSON as side-by-side-proxy.log)%n",
        jvm);
    return ProxyProcess.start(jvm, classPath, serve, dir.resolve("proxy.log"));
  }

  private Path writePolicy(Path dir) throws IOException {
    Path policy = Files.writeString(dir.resolve("surrogate.yaml"), """
        default: synthetic
        privacy: { epsilon: 1.0, delta: 1e-9, budget: 10.0 }
        seed: 3
        tables:
          members: { mode: real }
          patients:
            rows: %d
            columns:
              age: { bounds: [0, 120] }
              income: { bounds: [0, 20000] }
              sex: { domain: [F, M] }
        """.formatted(options.rows()), StandardCharsets.UTF_8);
    return policy;
  }

  private long checkedStream(Connection c, String sql, int expected) throws Exception {
    RowStream s = RowStream.read(c, sql, options.fetchSize());
    if (s.rows() != expected) {
      throw new IllegalStateException(sql + ": " + s.rows() + " rows (expected: " + expected + ")");
    }
    return s.checksum();
  }

  /** One timed action. */
  private interface Timed {
    long run() throws Exception;
  }

  // Median of the measured rounds, in seconds, after one unmeasured warm-up round.
  private double median(Timed action) throws Exception {
    action.run();
    double[] seconds = new double[options.rounds()];
    for (int i = 0; i < seconds.length; i++) {
      long start = System.nanoTime();
      action.run();
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(seconds);
    return seconds[seconds.length / 2];
  }

  private Map<String, Object> result(String measure, double value, String unit, String baseline,
      double baselineValue) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("measure", measure);
    m.put("value", Math.round(value));
    m.put("unit", unit);
    m.put("baseline", baseline);
    m.put("baselineValue", Math.round(baselineValue));
    m.put("ratio", Math.round(value / baselineValue * 1000) / 1000.0);
    log.printf(Locale.ROOT, "[side-by-side] %s: %,.0f %s vs %,.0f (ratio %.3f)%n", measure, value, unit,
        baselineValue, value / baselineValue);
    return m;
  }

  /** The console table: one line per measurement, ratio = Surrogate ÷ baseline (higher is better). */
  @SuppressWarnings("unchecked")
  static String table(Map<String, Object> report) {
    StringBuilder sb = new StringBuilder();
    String format = "%-66s %-9s %12s  %-36s %12s %7s%n";
    sb.append(String.format(Locale.ROOT, format, "measure", "unit", "surrogate", "baseline (same run)", "", "ratio"));
    for (Map<String, Object> r : (List<Map<String, Object>>) report.get("results")) {
      sb.append(String.format(Locale.ROOT, format, r.get("measure"), r.get("unit"),
          String.format(Locale.ROOT, "%,d", (Long) r.get("value")), r.get("baseline"),
          String.format(Locale.ROOT, "%,d", (Long) r.get("baselineValue")),
          String.format(Locale.ROOT, "%.3f", (Double) r.get("ratio"))));
    }
    return sb.toString();
  }

  /** Writes {@code report} as indented JSON to {@code file}, creating its folder. */
  static void write(Map<String, Object> report, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
  }
}
