package io.surrogate.cli;

import io.surrogate.catalog.StoredModel;
import io.surrogate.catalog.Trainer;
import io.surrogate.proxy.ProxyServer;
import io.surrogate.proxy.relay.ServedTwin;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code surrogate demo}: builds a clinic database in embedded H2, trains its sensitive tables under DP, builds its
 * synthetic twin in an embedded PostgreSQL, shows synthetic rows and real-vs-synthetic aggregates through the proxy,
 * then serves the twin over the PostgreSQL protocol until interrupted. It needs nothing but Java.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate a demo clinic database, train it under DP, show the results, then serve it.")
final class DemoCommand implements Callable<Integer> {
  static final String SOURCE_URL = "jdbc:h2:mem:surrogate_demo;DB_CLOSE_DELAY=-1";
  private static final List<String> SYNTHETIC = List.of("patients", "visits");

  @Option(names = "--home", paramLabel = "DIR",
      description = "Where the demo keeps its policy and catalog (default: $SURROGATE_HOME/demo or ~/.surrogate/demo).")
  Path home;

  @Option(names = "--port", description = "Proxy port (default: ${DEFAULT-VALUE}; 0 picks a free one).", defaultValue = "5433")
  int port;

  @Option(names = "--no-serve", description = "Stop after the walkthrough instead of starting the proxy.")
  boolean noServe;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = home != null ? home : defaultHome();
    Files.createDirectories(dir);
    deleteOldCatalog(dir);
    out.println("Surrogate demo: a clinic database whose patients and visits are sensitive.");
    out.println();

    out.println("1. Creating the demo source in embedded H2 (" + SOURCE_URL + ")");
    Connection keepAlive = DriverManager.getConnection(SOURCE_URL);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("DROP ALL OBJECTS");
    }
    DemoDatabase.create(keepAlive, 42);
    out.printf(Locale.ROOT, "   departments: 6 rows (real, public)   patients: %,d rows   visits: %,d rows%n%n",
        DemoDatabase.PATIENTS, DemoDatabase.VISITS);
    out.flush();

    Path policy = writePolicy(dir);
    String catalogUrl = "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    out.println("2. Training the sensitive tables under differential privacy (policy " + policy + ")");
    out.flush();
    SourceOptions options = new SourceOptions();
    options.policy = policy;
    options.catalog = catalogUrl;
    try (Workspace ws = Workspace.open(options)) {
      Trainer trainer = new Trainer(ws.catalog, ws.policy, ws.sourceId, ws.source, ws.schema);
      Progress progress = new Progress(System.err);
      for (String table : SYNTHETIC) {
        StoredModel m;
        try {
          m = trainer.train(table, progress);
        } finally {
          progress.done();
        }
        out.println("   " + TrainCommand.describe(m));
      }
      out.println();
      out.println("   What epsilon means: it bounds what anyone can learn about one patient from all Surrogate ever");
      out.println("   serves. With epsilon = 1, any answer is at most e^1 = 2.7 times more or less likely with that");
      out.println("   patient's rows than without them; smaller is more private. Every training spends its epsilon");
      out.println("   from the table's budget, and the catalog's ledger records each release.");
      out.println();
      Properties props = new Properties();
      props.setProperty("policy", policy.toString());
      props.setProperty("catalog", catalogUrl);
      out.println("3. Building the synthetic twin: an embedded PostgreSQL under " + dir.resolve("twin")
          + " with the source's tables,");
      out.println("   synthetic rows in patients and visits, the real departments; no real patient row is written to it");
      out.flush();
      ProxyServer server = DemoServer.start(noServe ? 0 : port, props, dir);
      try {
        ServedTwin twin = server.twin().orElseThrow();
        out.printf(Locale.ROOT, "   PostgreSQL %s, database %s: %,d synthetic rows, %,d real rows%n%n", twin.version(),
            twin.database(), twin.report().syntheticRows().values().stream().mapToLong(Long::longValue).sum(),
            twin.report().copiedRows().values().stream().mapToLong(Long::longValue).sum());
        Properties client = new Properties();
        client.setProperty("user", "surrogate");
        client.setProperty("sslmode", "disable");
        try (Connection synthetic = DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + twin.database(), client)) {
          walkthrough(out, keepAlive, synthetic);
        }
        out.println("8. Privacy spent and fidelity");
        for (String table : SYNTHETIC) {
          StoredModel m = ws.catalog.latestModel(ws.sourceId, table).orElseThrow();
          double quality = Fidelity.quality(ws, table, m);
          out.printf(Locale.ROOT, "   %-9s epsilon spent %s of budget %s   quality %.3f (SDMetrics definition, 1 = identical)%n",
              table, TrainCommand.formatEpsilon(ws.catalog.spentEpsilon(ws.sourceId, table)),
              TrainCommand.formatEpsilon(ws.policy.forTable(table).budget()), quality);
        }
        out.println("   What quality means: how closely the synthetic rows follow the real ones, between 0 and 1. It is");
        out.println("   the mean of column shapes (each column's distribution: 1 - Kolmogorov-Smirnov distance for numbers");
        out.println("   and dates, 1 - total variation distance for categories) and column pair trends (how pairs of");
        out.println("   columns vary together). 1 would be identical; above 0.8 serves analytics and tests well.");
        out.println();
        out.flush();
        if (noServe) {
          return 0;
        }
        out.println("9. Serving the twin over the PostgreSQL protocol (any client, from any process on this machine)");
        return Serving.untilInterrupted(out, server, DemoServer.config(port, props, dir), "surrogate");
      } finally {
        server.close();
        keepAlive.close();
      }
    }
  }

  private void walkthrough(PrintWriter out, Connection real, Connection synthetic) throws SQLException {
    out.println("4. Synthetic patients, answered by PostgreSQL on the twin (names, e-mails and phones come from a data-free"
        + " faker)");
    query(out, synthetic, "SELECT patient_id, full_name, email, birth_year, sex, blood_type, bmi, systolic_bp, smoker"
        + " FROM patients ORDER BY patient_id LIMIT 5");
    out.println("5. A join of synthetic visits with the real departments table");
    query(out, synthetic, "SELECT d.name AS department, COUNT(*) AS visits, ROUND(AVG(v.cost), 2) AS avg_cost"
        + " FROM visits v JOIN departments d ON v.department_id = d.department_id GROUP BY d.name ORDER BY d.name");
    out.println("6. Synthetic visits join synthetic patients: every visit has its patient, and visits per patient"
        + " follow the real distribution (DP-released)");
    query(out, synthetic, "SELECT COUNT(*) AS visits, COUNT(p.patient_id) AS with_patient FROM visits v"
        + " LEFT JOIN patients p ON v.patient_id = p.patient_id");
    sideBySide(out, real, synthetic, "SELECT n AS visits_per_patient, COUNT(*) AS patients FROM (SELECT p.patient_id,"
        + " COUNT(v.visit_id) AS n FROM patients p LEFT JOIN visits v ON v.patient_id = p.patient_id"
        + " GROUP BY p.patient_id) t GROUP BY n ORDER BY n");
    out.println("7. Real vs synthetic, side by side (the real side read from the source, for this demo only)");
    sideBySide(out, real, synthetic, "SELECT smoker, COUNT(*) AS n, ROUND(AVG(systolic_bp), 1) AS avg_bp,"
        + " ROUND(AVG(bmi), 1) AS avg_bmi FROM patients GROUP BY smoker ORDER BY smoker");
    sideBySide(out, real, synthetic, "SELECT blood_type, COUNT(*) AS n FROM patients GROUP BY blood_type ORDER BY blood_type");
  }

  private static void query(PrintWriter out, Connection c, String sql) throws SQLException {
    out.println("   " + sql);
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultTables.print(out, ResultTables.read(rs));
    }
    out.println();
  }

  private static void sideBySide(PrintWriter out, Connection real, Connection synthetic, String sql) throws SQLException {
    out.println("   " + sql);
    List<String[]> r;
    List<String[]> s;
    try (Statement st = real.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      r = ResultTables.read(rs);
    }
    try (Statement st = synthetic.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      s = ResultTables.read(rs);
    }
    ResultTables.print(out, alignByFirstColumn(r, s));
    out.println();
  }

  /** Real and synthetic results side by side, rows matched on their first column (the group key). */
  static List<String[]> alignByFirstColumn(List<String[]> real, List<String[]> synthetic) {
    int w = real.get(0).length;
    Map<String, String[]> byKey = new LinkedHashMap<>();
    for (int i = 1; i < real.size(); i++) {
      byKey.put(real.get(i)[0], real.get(i));
    }
    Map<String, String[]> synthByKey = new LinkedHashMap<>();
    for (int i = 1; i < synthetic.size(); i++) {
      synthByKey.put(synthetic.get(i)[0], synthetic.get(i));
      byKey.putIfAbsent(synthetic.get(i)[0], null);
    }
    List<String[]> merged = new ArrayList<>();
    String[] header = new String[w * 2];
    for (int j = 0; j < w; j++) {
      header[j] = "real " + real.get(0)[j];
      header[w + j] = "synthetic " + synthetic.get(0)[j];
    }
    merged.add(header);
    for (Map.Entry<String, String[]> e : byKey.entrySet()) {
      String[] line = new String[w * 2];
      String[] r = e.getValue();
      String[] s = synthByKey.get(e.getKey());
      for (int j = 0; j < w; j++) {
        line[j] = r == null ? "-" : r[j];
        line[w + j] = s == null ? "-" : s[j];
      }
      merged.add(line);
    }
    return merged;
  }

  private static Path writePolicy(Path dir) throws IOException {
    String body;
    try (InputStream in = DemoCommand.class.getResourceAsStream("demo-policy.yaml")) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path file = dir.resolve("surrogate.yaml");
    Files.writeString(file, "source:\n  url: \"" + SOURCE_URL + "\"\n" + body, StandardCharsets.UTF_8);
    return file;
  }

  /** Each demo run starts from an empty catalog so its budget is never exhausted by earlier runs. */
  private static void deleteOldCatalog(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().startsWith("catalog.")) {
          Files.delete(p);
        }
      }
    }
  }

  static Path defaultHome() {
    String env = System.getenv("SURROGATE_HOME");
    Path base = env != null && !env.isBlank() ? Paths.get(env) : Paths.get(System.getProperty("user.home"), ".surrogate");
    return base.resolve("demo");
  }
}
