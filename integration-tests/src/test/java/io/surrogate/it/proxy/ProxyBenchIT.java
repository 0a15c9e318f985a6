package io.surrogate.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.bench.PointQueryLoad;
import io.surrogate.bench.RowStream;
import io.surrogate.proxy.EngineConnections;
import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.ProxyServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the proxy's wire layer alone, printed rather than asserted; enabled with
 * {@code -Dsurrogate.bench=true}. The engine here is a plain PostgreSQL or H2 connection (no Surrogate planner),
 * which isolates what the codec and session machinery cost; the full paths, real and synthetic tables through the
 * Surrogate engine, are measured by {@code integration-tests/bench.sh side-by-side} with the same load classes.
 */
class ProxyBenchIT {
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final PointQueryLoad LOAD = new PointQueryLoad(8, 2_000, 10_000, 100_000, 20_261_123L);

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
      double direct = LOAD.queriesPerSecond(() -> DriverManager.getConnection(PG, pgProps()), sql);
      EngineConnections engine = (user, db) -> DriverManager.getConnection(PG, pgProps());
      try (ProxyServer server = new ProxyServer(ProxyConfig.builder().port(0).build(), engine)) {
        int port = server.start();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/test";
        double proxied = LOAD.queriesPerSecond(() -> DriverManager.getConnection(url, pgProps()), sql);
        System.out.printf(Locale.ROOT, "[bench] point query, %d clients: direct %.0f q/s, proxy %.0f q/s, "
            + "ratio %.2f%n", LOAD.clients(), direct, proxied, proxied / direct);
      }
    } finally {
      try (Connection c = DriverManager.getConnection(PG, pgProps()); Statement st = c.createStatement()) {
        st.execute("drop schema " + schema + " cascade");
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
        for (int round = 0; round < 2; round++) {
          RowStream s = RowStream.read(c, "select \"X\" as id, \"X\" * 0.5 as half, 'row ' || \"X\" as label "
              + "from system_range(1, 1000000)", 5_000);
          assertEquals(1_000_000, s.rows());
          System.out.printf(Locale.ROOT, "[bench] streaming round %d: %d rows in %.2f s = %.0f rows/s "
              + "(checksum %d, max heap %d MiB)%n", round, s.rows(), s.seconds(), s.rowsPerSecond(), s.checksum(),
              Runtime.getRuntime().maxMemory() >> 20);
        }
      }
    }
  }
}
