package io.surrogate.catalog;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints training throughput (never asserts a time); runs only with {@code -Dsurrogate.measure=true}.
 */
class TrainingMeasurementTest {
  private static final int ROWS = Integer.getInteger("surrogate.measure.rows", 200_000);

  @TempDir
  Path dir;

  private static Policy policy() throws PolicyException {
    return PolicyLoader.parse(String.join("\n", "tables:", "  patients:", "    generator: copula",
        "    columns:", "      email: { pii: email }", "      age: { bounds: [0, 100] }", ""), "m.yaml", n -> null);
  }

  @Test
  void h2Source() throws Exception {
    assumeTrue(Boolean.getBoolean("surrogate.measure"), "measurement runs only with -Dsurrogate.measure=true");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:measure;DB_CLOSE_DELAY=-1");
    try (Connection keep = h2.getConnection();
        Catalog catalog = Catalogs.open("jdbc:h2:file:" + dir.resolve("c").toAbsolutePath(), "sa", "")) {
      TrainerTest.fill(keep, ROWS, 5L);
      measure("h2", new Trainer(catalog, policy(), "jdbc:h2:mem:measure", h2, null));
      try (Statement s = keep.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }
  }

  @Test
  void postgresSource() throws Exception {
    assumeTrue(Boolean.getBoolean("surrogate.measure"), "measurement runs only with -Dsurrogate.measure=true");
    assumeTrue(PostgresCatalogTest.reachable(), "PostgreSQL not reachable");
    List<String> schemas = new ArrayList<>();
    String schema = PostgresCatalogTest.inNewSchema(schemas).getCurrentSchema();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
    config.setUsername("postgres");
    try (HikariDataSource pool = new HikariDataSource(config);
        Catalog catalog = Catalogs.open("jdbc:h2:file:" + dir.resolve("c").toAbsolutePath(), "sa", "")) {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + schema + ".patients (id bigint PRIMARY KEY, email text, age int, weight float8,"
            + " sex text, born date, active bool, balance numeric(10, 2))");
        s.execute("INSERT INTO " + schema + ".patients SELECT g, 'p' || g, 20 + g % 50, 50 + (g * 7) % 50,"
            + " CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END, DATE '1950-01-01' + g % 20000, g % 3 = 0,"
            + " (g % 100000) / 100.0 FROM generate_series(1, " + ROWS + ") g");
      }
      measure("postgresql", new Trainer(catalog, policy(), "jdbc:postgresql://127.0.0.1:5432/test", pool, schema));
    } finally {
      PostgresCatalogTest.drop(schemas);
    }
  }

  private static void measure(String label, Trainer trainer) throws Exception {
    long[] phaseStart = new long[1];
    Map<String, Long> phases = new LinkedHashMap<>();
    long start = System.nanoTime();
    trainer.train("patients", (table, phase, fraction) -> {
      long now = System.nanoTime();
      if (fraction == 0) {
        phaseStart[0] = now;
      } else if (fraction == 1) {
        phases.putIfAbsent(phase, (now - phaseStart[0]) / 1_000_000);
      }
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "MEASURE train %s copula %,d rows x 8 columns: %.2f s (%,.0f rows/s); phase ms %s%n",
        label, ROWS, seconds, ROWS / seconds, phases);
  }
}
