package io.surrogate.eval;

import static io.surrogate.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** {@code surrogate eval --holdout} end to end against a small H2 source. */
class EvalCliTest {

  private static final String SOURCE = "jdbc:h2:mem:eval_cli_test;DB_CLOSE_DELAY=-1";
  private static Connection keepAlive;

  @TempDir
  Path dir;

  @BeforeAll
  static void source() throws Exception {
    keepAlive = DriverManager.getConnection(SOURCE);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE people (id INT PRIMARY KEY, age INT, tier VARCHAR(8))");
      s.execute("INSERT INTO people SELECT x, 18 + MOD(x * 7, 60), CASEWHEN(MOD(x, 3) = 0, 'gold', 'basic')"
          + " FROM SYSTEM_RANGE(1, 400)");
    }
  }

  @AfterAll
  static void close() throws Exception {
    keepAlive.close();
  }

  private String policy() throws Exception {
    Path p = dir.resolve("policy.yaml");
    Files.writeString(p, "source: { url: \"" + SOURCE + "\" }\ntables:\n  people:\n    epsilon: 1.0\n"
        + "    columns:\n      tier: { domain: [basic, gold] }\n", StandardCharsets.UTF_8);
    return p.toString();
  }

  private String catalog() {
    return "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath();
  }

  @Test
  void holdoutExperimentWritesTheReport() throws Exception {
    Path out = dir.resolve("report");
    String[] r = run("eval", "--policy", policy(), "--catalog", catalog(), "--holdout", "0.25", "--out", out.toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("PEOPLE (copula, epsilon 1.000, in-memory fit, no ledger spend): quality 0."), r[1]);
    assertTrue(Files.size(out.resolve("report.html")) > 1000);
    assertTrue(Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8).contains("\"holdoutRows\":100"));
  }

  @Test
  void targetAddsMlUtilityAndNoTargetSaysSkipped() throws Exception {
    Path out = dir.resolve("tstr");
    String[] r = run("eval", "--policy", policy(), "--catalog", catalog(), "--holdout", "0.25", "--target",
        "people=tier", "--out", out.toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("ML utility, target TIER (classification, positive class gold)"), r[1]);
    assertTrue(r[1].contains("random forest        accuracy"), r[1]);
    String json = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"mlUtility\":{\"target\":\"TIER\",\"task\":\"classification\""), json);
    assertTrue(json.contains("\"metric\":\"roc_auc\",\"trainOnReal\":"), json);
    assertTrue(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8).contains("train on synthetic"));

    Path plain = dir.resolve("plain");
    String[] s = run("eval", "--policy", policy(), "--catalog", catalog(), "--holdout", "0.25", "--out", plain.toString());
    assertEquals("0", s[0], s[2]);
    assertTrue(s[1].contains("ML utility (TSTR) skipped: no target column"), s[1]);
    assertTrue(Files.readString(plain.resolve("report.json"), StandardCharsets.UTF_8)
        .contains("\"mlUtility\":{\"skipped\":\"ML utility (TSTR) skipped"));
    assertTrue(Files.readString(plain.resolve("report.html"), StandardCharsets.UTF_8)
        .contains("ML utility (TSTR) skipped"));
  }

  @Test
  void badTargetFailsWithoutReport() throws Exception {
    for (String[] bad : new String[][] {{"people=nope", "unknown column"}, {"people=id", "a key column"},
        {"other=age", "table not evaluated"}}) {
      Path out = dir.resolve("bad-" + bad[0].replace('=', '-'));
      String[] r = run("eval", "--policy", policy(), "--catalog", catalog(), "--holdout", "0.25", "--target", bad[0],
          "--out", out.toString());
      assertEquals("1", r[0], r[1] + r[2]);
      assertTrue(r[2].contains(bad[1]), r[2]);
      assertFalse(Files.exists(out.resolve("report.json")), bad[0]);
    }
    String[] noHoldout = run("eval", "--policy", policy(), "--catalog", catalog(), "--target", "people=tier");
    assertEquals("1", noHoldout[0]);
    assertTrue(noHoldout[2].contains("expected: --holdout"), noHoldout[2]);
  }

  @Test
  void badHoldoutAndBusyOutputFailWithoutReport() throws Exception {
    String[] bad = run("eval", "--policy", policy(), "--catalog", catalog(), "--holdout", "0.95");
    assertEquals("1", bad[0]);
    assertTrue(bad[2].contains("holdout: 0.95 (expected: > 0 and <= 0.9)"), bad[2]);
    Path busy = dir.resolve("busy");
    Files.createDirectories(busy);
    Files.writeString(busy.resolve("keep.txt"), "x", StandardCharsets.UTF_8);
    String[] b = run("eval", "--policy", policy(), "--catalog", catalog(), "--holdout", "0.2", "--out", busy.toString());
    assertEquals("1", b[0]);
    assertTrue(b[2].contains("not empty"), b[2]);
    assertFalse(Files.exists(busy.resolve("report.html")));
  }
}
