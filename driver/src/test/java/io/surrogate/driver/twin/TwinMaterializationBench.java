package io.surrogate.driver.twin;

import io.surrogate.driver.internal.DriverConfig;
import io.surrogate.driver.internal.Engines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures twin materialization of a 1,000,000-row copula table on the local PostgreSQL; a measurement, not a
 * test: it runs only with {@code -Dsurrogate.bench=true} and prints rows per second to stderr.
 */
@EnabledIfSystemProperty(named = "surrogate.bench", matches = "true")
class TwinMaterializationBench {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  @Test
  void materializeOneMillionCopulaRows(@TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String sourceDb = "twbsrc_" + suffix;
    String twinDb = "twbtwin_" + suffix;
    try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", "");
         Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + sourceDb);
    }
    try {
      try (Connection c = DriverManager.getConnection(SERVER + sourceDb, "postgres", "");
           Statement s = c.createStatement()) {
        s.execute("CREATE TABLE patients (id integer PRIMARY KEY, age integer, income numeric(10,2), score double"
            + " precision, sex text, born date)");
        s.execute("INSERT INTO patients SELECT g, 18 + g % 70, 1000 + (g * 37) % 90000, (g % 1000) / 10.0,"
            + " (ARRAY['F','M','X'])[1 + g % 3], DATE '1950-01-01' + (g * 13) % 20000 FROM generate_series(1, 20000) g");
      }
      Path policy = Files.writeString(dir.resolve("surrogate.yaml"), """
          tables:
            patients: { generator: copula, epsilon: 1.0, rows: 1000000 }
          """, StandardCharsets.UTF_8);
      Properties p = new Properties();
      p.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath());
      p.setProperty("policy", policy.toString());
      p.setProperty("user", "postgres");
      DriverConfig config = DriverConfig.parse("jdbc:surrogate:postgresql://127.0.0.1:5432/" + sourceDb, p);
      TwinBuilder builder = new TwinBuilder(null, Integer.getInteger("surrogate.twin.workers", 2));
      TwinTarget target = new TwinTarget(SERVER + "test", "postgres", null, twinDb);
      builder.build(config, target);
      for (int run = 0; run < 3; run++) {
        TwinReport r = builder.build(config, target);
        System.err.printf("twin materialization: %d rows in %d ms = %d rows/s (whole build %d ms)%n", r.totalRows(),
            r.contentElapsed().toMillis(), Math.round(r.totalRows() / (r.contentElapsed().toNanos() / 1e9)),
            r.elapsed().toMillis());
      }
    } finally {
      Engines.closeIdle();
      try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", "");
           Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + twinDb + " WITH (FORCE)");
        s.execute("DROP DATABASE IF EXISTS " + sourceDb + " WITH (FORCE)");
      }
    }
  }
}
