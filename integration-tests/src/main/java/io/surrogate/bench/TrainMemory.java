package io.surrogate.bench;

import io.surrogate.catalog.Catalog;
import io.surrogate.catalog.Catalogs;
import io.surrogate.catalog.LedgerEntry;
import io.surrogate.catalog.Policy;
import io.surrogate.catalog.PolicyLoader;
import io.surrogate.catalog.SourceIds;
import io.surrogate.catalog.StoredModel;
import io.surrogate.catalog.Trainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Trains one generator on a large generated PostgreSQL table (6 modelled columns of mixed types) in this JVM and prints the
 * training's wall time and the process's peak resident set (VmHWM), so that {@code bench.sh train-memory} can run
 * it under a small {@code -Xmx}. The table is created once in schema {@code bench_trainmem} and kept for the next
 * run unless {@code --drop} is given.
 */
public final class TrainMemory {
  static final String USAGE = "train-memory [--rows N] [--generator copula|cart|vae] [--max-training-rows N|all]"
      + " [--pg-url URL] [--pg-user USER] [--drop]";
  private static final String SCHEMA = "bench_trainmem";

  private TrainMemory() {
  }

  /** Runs one training; exits 1 when it fails, after printing its SQLSTATE and message. */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    long rows = Long.parseLong(opts.getOrDefault("rows", "5000000"));
    String generator = opts.getOrDefault("generator", "copula");
    String cap = opts.getOrDefault("max-training-rows", "1000000");
    String url = opts.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(url);
    source.setUser(opts.getOrDefault("pg-user", "postgres"));
    String table = "mixed_" + rows;
    ensureTable(source, table, rows);
    Path dir = Files.createTempDirectory("trainmem");
    Policy policy = PolicyLoader.parse(String.join("\n", "tables:", "  " + table + ":",
        "    generator: " + generator, "    epsilon: 1.0", "    budget: 1000", "    max_training_rows: " + cap,
        "    columns:", "      age: { bounds: [0, 100] }", "      income: { bounds: [0, 200000] }",
        "      score: { bounds: [-5, 5] }", ""), "bench.yaml");
    System.out.printf(Locale.ROOT, "%s: %,d rows x 6 columns, max_training_rows %s, max heap %,d MB%n", generator,
        rows, cap, Runtime.getRuntime().maxMemory() >> 20);
    int status = 0;
    try (Catalog catalog = Catalogs.open("jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath(), "sa", "")) {
      String sourceId = SourceIds.of(url + "?currentSchema=" + SCHEMA);
      long started = System.nanoTime();
      try {
        StoredModel model = new Trainer(catalog, policy, sourceId, source, SCHEMA).train(table, null);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "  trained in %.1f s; serves %,d rows; peak RSS %s%n", seconds,
            model.rows(), peakRss());
        for (LedgerEntry e : catalog.ledger(sourceId, table)) {
          System.out.printf(Locale.ROOT, "  ledger: epsilon %.6f, delta %.3g%n", e.epsilon(), e.delta());
          e.releases().stream().limit(2).forEach(r -> System.out.println("    " + r));
        }
      } catch (SQLException e) {
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "  failed after %.1f s with SQLSTATE %s: %s; peak RSS %s%n", seconds,
            e.getSQLState(), e.getMessage(), peakRss());
        status = 1;
      }
    }
    if (opts.containsKey("drop")) {
      try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
    System.exit(status);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException(args[i] + " (expected: " + USAGE + ")");
      }
      String name = args[i].substring(2);
      if (name.equals("drop")) {
        out.put(name, "true");
      } else if (i + 1 < args.length) {
        out.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value (expected: " + USAGE + ")");
      }
    }
    return out;
  }

  /** Creates {@code table} with {@code rows} rows of correlated values unless it exists with that many. */
  private static void ensureTable(PGSimpleDataSource source, String table, long rows) throws SQLException {
    try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = '" + SCHEMA
          + "' AND tablename = '" + table + "'")) {
        rs.next();
        if (rs.getLong(1) == 1) {
          return;
        }
      }
      System.out.printf(Locale.ROOT, "creating %s.%s with %,d rows%n", SCHEMA, table, rows);
      // One transaction, so an interrupted creation leaves no half-filled table to be reused.
      c.setAutoCommit(false);
      s.execute("CREATE TABLE " + SCHEMA + "." + table + " (age int, income numeric(10, 2), region text,"
          + " score double precision, born date, seen timestamp)");
      s.execute("INSERT INTO " + SCHEMA + "." + table + " SELECT a, round((a * 1500 + random() * 40000)::numeric, 2),"
          + " (ARRAY['north','south','east','west','centre','islands'])[1 + (g % 6)::int],"
          + " (a - 50) / 15.0 + random() - 0.5, DATE '2024-01-01' - a * 365 + (g % 365)::int,"
          + " TIMESTAMP '2024-01-01' + (g % 31536000) * INTERVAL '1 second'"
          + " FROM (SELECT g, (18 + (g * 7919 % 70))::int AS a FROM generate_series(1::bigint, " + rows + ") g) t");
      c.commit();
    }
  }

  /** The process's peak resident set from /proc/self/status, or "n/a" off Linux. */
  static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%,d MB (VmHWM)", kb >> 10);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return "n/a";
    }
    return "n/a";
  }
}
