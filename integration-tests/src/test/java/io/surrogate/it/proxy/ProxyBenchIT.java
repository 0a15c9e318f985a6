package io.surrogate.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.proxy.EngineConnections;
import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.ProxyServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Throughput measurements of the proxy, printed rather than asserted. Enabled with {@code -Dsurrogate.bench=true}.
 * Point queries compare pgJDBC straight to PostgreSQL with pgJDBC through the proxy over a PostgreSQL engine
 * connection (the real-table path without the Surrogate planner); streaming uses an H2 engine.
 */
class ProxyBenchIT {
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final int CLIENTS = 8;
  private static final long SEED = 20_261_123L;

  private static Properties pgProps() {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("prepareThreshold", "1");
    return p;
  }

  @Test
  void pointQueriesDirectVersusProxy() throws Exception {
    assumeTrue(Boolean.getBoolean("surrogate.bench"), "benchmarks run with -Dsurrogate.bench=true");
    String schema = "proxybench_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(PG, pgProps()); Statement st = c.createStatement()) {
      st.execute("create schema " + schema);
      st.execute("create table " + schema + ".kv (id int primary key, v text)");
      st.execute("insert into " + schema + ".kv select g, md5(g::text) from generate_series(1, 100000) g");
      st.execute("analyze " + schema + ".kv");
    }
    try {
      String sql = "select v from " + schema + ".kv where id = ?";
      double direct = pointQueries(() -> DriverManager.getConnection(PG, pgProps()), sql);
      EngineConnections engine = (user, db) -> DriverManager.getConnection(PG, pgProps());
      try (ProxyServer server = new ProxyServer(ProxyConfig.builder().port(0).build(), engine)) {
        int port = server.start();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/test";
        double proxied = pointQueries(() -> DriverManager.getConnection(url, pgProps()), sql);
        System.out.printf(Locale.ROOT, "[bench] point query, %d clients: direct %.0f q/s, proxy %.0f q/s, "
            + "ratio %.2f%n", CLIENTS, direct, proxied, proxied / direct);
      }
    } finally {
      try (Connection c = DriverManager.getConnection(PG, pgProps()); Statement st = c.createStatement()) {
        st.execute("drop schema " + schema + " cascade");
      }
    }
  }

  /** A connection source that may fail. */
  interface Opener {
    Connection open() throws SQLException;
  }

  private static double pointQueries(Opener opener, String sql) throws Exception {
    return pointQueries(opener, sql, 2_000, 10_000, 100_000);
  }

  private static double pointQueries(Opener opener, String sql, long warmPerClient, long measuredPerClient,
      int keys) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      for (int round = 0; round < 2; round++) {
        long perClient = round == 0 ? warmPerClient : measuredPerClient;
        long start = System.nanoTime();
        List<Future<Long>> done = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
          long seed = SEED + t;
          done.add(pool.submit(() -> {
            SplittableRandom random = new SplittableRandom(seed);
            try (Connection c = opener.open(); PreparedStatement ps = c.prepareStatement(sql)) {
              long n = 0;
              for (long i = 0; i < perClient; i++) {
                ps.setInt(1, 1 + random.nextInt(keys));
                try (ResultSet rs = ps.executeQuery()) {
                  n += rs.next() ? 1 : 0;
                }
              }
              return n;
            }
          }));
        }
        long rows = 0;
        for (Future<Long> f : done) {
          rows += f.get();
        }
        assertEquals(perClient * CLIENTS, rows);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (round == 1) {
          return rows / seconds;
        }
      }
      throw new IllegalStateException("unreachable");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void syntheticTableThroughTheSurrogateDriver(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    assumeTrue(Boolean.getBoolean("surrogate.bench"), "benchmarks run with -Dsurrogate.bench=true");
    String sourceUrl = "jdbc:h2:mem:benchsynth;DB_CLOSE_DELAY=-1";
    try (Connection source = DriverManager.getConnection(sourceUrl); Statement st = source.createStatement()) {
      st.execute("create table patients (id int primary key, age int, income double, sex varchar(1))");
      st.execute("insert into patients select \"X\", mod(\"X\" * 7, 90), mod(\"X\" * 13, 1000) * 10.5, "
          + "case when mod(\"X\", 2) = 0 then 'F' else 'M' end from system_range(1, 5000)");
      java.nio.file.Path policy = java.nio.file.Files.writeString(dir.resolve("surrogate.yaml"), """
          default: synthetic
          privacy: { epsilon: 1.0, delta: 1e-9, budget: 10.0 }
          seed: 3
          tables:
            patients:
              rows: 1000000
              columns:
                age: { bounds: [0, 120] }
                income: { bounds: [0, 20000] }
                sex: { domain: [F, M] }
          """);
      ProxyConfig config = ProxyConfig.builder().port(0).sourceUrl(sourceUrl)
          .driverProperty("policy", policy.toString())
          .driverProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath()).build();
      try (ProxyServer server = new ProxyServer(config)) {
        int port = server.start();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/bench";
        Properties p = new Properties();
        p.setProperty("user", "bench");
        p.setProperty("prepareThreshold", "1");
        long t0 = System.nanoTime();
        double qps = pointQueries(() -> DriverManager.getConnection(url, p),
            "select age, sex from patients where id = ?", 5, 25, 1_000_000);
        System.out.printf(Locale.ROOT, "[bench] (first synthetic query includes DP training: %.1f s total)%n",
            (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "[bench] synthetic point query, %d clients: %.0f q/s%n", CLIENTS, qps);
        try (Connection c = DriverManager.getConnection(url, p)) {
          c.setAutoCommit(false);
          for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            long n = 0;
            try (Statement s = c.createStatement()) {
              s.setFetchSize(5_000);
              try (ResultSet rs = s.executeQuery("select id, age, income, sex from patients")) {
                while (rs.next()) {
                  n++;
                }
              }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "[bench] synthetic streaming round %d: %d rows in %.2f s = %.0f rows/s%n",
                round, n, seconds, n / seconds);
          }
          c.commit();
        }
      }
    }
  }

  @Test
  void streamsAMillionRows() throws Exception {
    assumeTrue(Boolean.getBoolean("surrogate.bench"), "benchmarks run with -Dsurrogate.bench=true");
    String url = "jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    try (Connection keep = DriverManager.getConnection(url);
        ProxyServer server = new ProxyServer(ProxyConfig.builder().port(0).build(),
            (user, db) -> DriverManager.getConnection(url))) {
      int port = server.start();
      assertEquals(true, keep.isValid(5), "the in-memory database must stay open during the run");
      Properties p = new Properties();
      p.setProperty("user", "bench");
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/bench", p)) {
        c.setAutoCommit(false);
        for (int round = 0; round < 2; round++) {
          long start = System.nanoTime();
          long n = 0;
          long checksum = 0;
          try (Statement st = c.createStatement()) {
            st.setFetchSize(5_000);
            try (ResultSet rs = st.executeQuery("select \"X\" as id, \"X\" * 0.5 as half, 'row ' || \"X\" as label "
                + "from system_range(1, 1000000)")) {
              while (rs.next()) {
                checksum += rs.getLong(1) + rs.getString(3).length();
                n++;
              }
            }
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          assertEquals(1_000_000, n);
          System.out.printf(Locale.ROOT, "[bench] streaming round %d: %d rows in %.2f s = %.0f rows/s "
              + "(checksum %d, max heap %d MiB)%n", round, n, seconds, n / seconds, checksum,
              Runtime.getRuntime().maxMemory() >> 20);
        }
        c.commit();
      }
    }
  }
}
