package io.surrogate.cli;

import static io.surrogate.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's commands against a small H2 source, run in-process. */
class CliTest {
  private static final String SOURCE = "jdbc:h2:mem:cli_test;DB_CLOSE_DELAY=-1";
  private static Connection keepAlive;

  @TempDir
  Path dir;

  @BeforeAll
  static void source() throws Exception {
    keepAlive = DriverManager.getConnection(SOURCE);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(80), age INT, tier VARCHAR(8))");
      s.execute("INSERT INTO customers SELECT x, 'c' || x || '@x.test', 18 + MOD(x * 7, 60),"
          + " CASEWHEN(MOD(x, 3) = 0, 'gold', 'basic') FROM SYSTEM_RANGE(1, 2000)");
      s.execute("CREATE TABLE regions (id INT PRIMARY KEY, name VARCHAR(20))");
    }
  }

  @AfterAll
  static void close() throws Exception {
    keepAlive.close();
  }

  private Path policy() throws Exception {
    Path p = dir.resolve("policy.yaml");
    Files.writeString(p, "source: { url: \"" + SOURCE + "\" }\n"
        + "tables:\n  regions: { mode: real }\n  customers:\n    epsilon: 1.0\n    budget: 1.5\n"
        + "    columns:\n      email: { pii: email }\n      tier: { domain: [basic, gold] }\n",
        StandardCharsets.UTF_8);
    return p;
  }

  private String catalog() {
    return "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath();
  }

  @Test
  void helpListsEveryCommand() {
    String[] r = run("--help");
    assertEquals("0", r[0]);
    for (String c : new String[] {"demo", "serve", "train", "scan", "status", "eval"}) {
      assertTrue(r[1].contains(c), () -> "help misses " + c + ":\n" + r[1]);
    }
  }

  @Test
  void scanSuggestsPiiFromNamesWithoutReadingRows() {
    String[] r = run("scan", "--source", SOURCE, "--catalog", catalog());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("email: { pii: email }"), r[1]);
    assertTrue(r[1].contains("customers:"), r[1]);
    assertTrue(!r[1].contains("@x.test"), "scan printed a value: " + r[1]);
  }

  @Test
  void trainThenStatusShowsTheLedgerAndTheCapRefusesMore() throws Exception {
    Path policy = policy();
    String[] t = run("train", "--policy", policy.toString(), "--catalog", catalog());
    assertEquals("0", t[0], t[2]);
    assertTrue(t[1].contains("trained CUSTOMERS: version 1, generator copula, epsilon 1.000"), t[1]);
    String[] s = run("status", "--policy", policy.toString(), "--catalog", catalog(), "--ledger");
    assertEquals("0", s[0], s[2]);
    assertTrue(s[1].matches("(?s).*CUSTOMERS\\s+synthetic\\s+v1\\s+copula.*1\\.000 / 1\\.500.*"), s[1]);
    assertTrue(s[1].matches("(?s).*REGIONS\\s+real\\s+-.*"), s[1]);
    String[] again = run("train", "--policy", policy.toString(), "--catalog", catalog());
    assertEquals("1", again[0]);
    assertTrue(again[2].contains("[53400]") && again[2].contains("0.5"), again[2]);
  }

  @Test
  void aPolicyEntryNamingNoSourceTableIsRefusedByTrainStatusAndServe() throws Exception {
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "source: { url: \"" + SOURCE + "\" }\ndefault: real\n"
        + "tables:\n  custmers: { epsilon: 1.0 }\n", StandardCharsets.UTF_8);
    for (String command : new String[] {"train", "status", "serve"}) {
      String[] r = command.equals("serve")
          ? run(command, "--policy", typo.toString(), "--catalog", catalog(), "--port", "0")
          : run(command, "--policy", typo.toString(), "--catalog", catalog());
      assertEquals("1", r[0], command + ": " + r[1] + r[2]);
      assertTrue(r[2].contains("[42P01]") && r[2].contains("policy typo.yaml: table \"custmers\" does not exist"
          + " in the source (closest: customers"), command + ": " + r[2]);
      assertTrue(!r[1].contains("listening") && !r[1].contains("trained"), command + ": " + r[1]);
    }
  }

  @Test
  void aPolicyEntryMatchingSeveralTablesIsRefused() throws Exception {
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE \"regions\" (id INT PRIMARY KEY, name VARCHAR(20))");
    }
    try {
      Path both = dir.resolve("both.yaml");
      Files.writeString(both, "source: { url: \"" + SOURCE + "\" }\ntables:\n  regions: { mode: real }\n",
          StandardCharsets.UTF_8);
      String[] r = run("status", "--policy", both.toString(), "--catalog", catalog());
      assertEquals("1", r[0], r[1] + r[2]);
      // H2 stores unquoted REGIONS in upper case, so a client calls both it and "regions" regions.
      assertTrue(r[2].contains("[42P01]") && r[2].contains("table \"regions\" matches several tables"), r[2]);
    } finally {
      try (Statement s = keepAlive.createStatement()) {
        s.execute("DROP TABLE \"regions\"");
      }
    }
  }

  @Test
  void evalScoresTheServedModelPerColumn() throws Exception {
    Path policy = policy();
    assertEquals("0", run("train", "--policy", policy.toString(), "--catalog", catalog())[0]);
    String[] r = run("eval", "--policy", policy.toString(), "--catalog", catalog());
    assertEquals("0", r[0], r[2]);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("CUSTOMERS \\(model v1, copula, epsilon 1\\.000\\): quality (0\\.\\d+)")
        .matcher(r[1]);
    assertTrue(m.find(), r[1]);
    double q = Double.parseDouble(m.group(1));
    assertTrue(q > 0.6 && q < 1, "quality " + q);
    assertTrue(r[1].contains("AGE") && r[1].contains("TIER"), r[1]);
    assertTrue(!r[1].contains("EMAIL "), "PII is never scored: " + r[1]);
  }

  @Test
  void trainsAVaeTableWithNd4jOnTheCommandLinesClassPath() throws Exception {
    Path p = dir.resolve("vae.yaml");
    Files.writeString(p, "source: { url: \"" + SOURCE + "\" }\n"
        + "tables:\n  regions: { mode: real }\n  customers:\n    generator: vae\n    epsilon: .inf\n    budget: .inf\n"
        + "    options: { epochs: 2, batch_size: 250, hidden: '16', latent_dim: 4 }\n"
        + "    columns:\n      email: { pii: email }\n      tier: { domain: [basic, gold] }\n"
        + "      age: { bounds: [18, 80] }\n", StandardCharsets.UTF_8);
    String[] t = run("train", "--policy", p.toString(), "--catalog", catalog());
    assertEquals("0", t[0], t[2]);
    assertTrue(t[1].contains("trained CUSTOMERS: version 1, generator vae, epsilon infinity"), t[1]);
    String[] e = run("eval", "--policy", p.toString(), "--catalog", catalog());
    assertEquals("0", e[0], e[2]);
    assertTrue(e[1].contains("CUSTOMERS (model v1, vae, epsilon infinity): quality"), e[1]);
  }

  @Test
  void trainingARealTableIsRefused() throws Exception {
    String[] r = run("train", "--policy", policy().toString(), "--catalog", catalog(), "-t", "regions");
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("regions is real"), r[2]);
  }

  @Test
  void missingSourceIsAClearError() {
    String[] r = run("train", "--catalog", catalog());
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("no source: pass --source URL or set source.url in the policy"), r[2]);
  }

  @Test
  void piiHintsMatchCommonColumnNames() {
    assertEquals("email", ScanCommand.piiHint("E_Mail"));
    assertEquals("phone", ScanCommand.piiHint("mobile_number"));
    assertEquals("last_name", ScanCommand.piiHint("surname"));
    assertNull(ScanCommand.piiHint("systolic_bp"));
  }
}
