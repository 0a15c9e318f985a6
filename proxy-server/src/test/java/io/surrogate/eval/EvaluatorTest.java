package io.surrogate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {

  private static final TableSpec SPEC = new TableSpec("toy", List.of(
      ColumnSpec.of("x", ColumnKind.FLOAT).withBounds(0, 100).withNullable(false),
      ColumnSpec.of("c", ColumnKind.CATEGORICAL).withDomain(List.of("lo", "hi")).withNullable(false)));

  static TableData toy(int n) {
    SplittableRandom r = new SplittableRandom(7);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x = r.nextDouble(100);
      rows.add(new Object[] {x, x > 50 ? "hi" : "lo"});
    }
    return TableData.of(SPEC, rows);
  }

  @Test
  void rejectsHoldoutOutsideRangeAndTinyTables() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(0.95, 1, 100));
    assertEquals("holdout: 0.95 (expected: > 0 and <= 0.9)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Evaluator(0, 1, 100));
    IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
        () -> new Evaluator(0.2, 1, 100).evaluate(toy(60), "copula", new PrivacyBudget(1, 1e-6), s -> { }));
    assertTrue(small.getMessage().contains("holdout 12"), small.getMessage());
  }

  @Test
  void generatorOptionsReachTheFit() {
    Evaluator ev = new Evaluator(0.3, 42, 100);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ev.evaluate(toy(200), "cart",
        new PrivacyBudget(1.0, 1e-6), java.util.Map.of("bogus", "1"), null, s -> { }));
    assertTrue(e.getMessage().startsWith("cart option 'bogus': unknown"), e.getMessage());
    EvalResult shallow = ev.evaluate(toy(400), "cart", new PrivacyBudget(Double.POSITIVE_INFINITY, 1e-6),
        java.util.Map.of("max_depth", "1", "bins", "2"), null, s -> { });
    EvalResult deep = ev.evaluate(toy(400), "cart", new PrivacyBudget(Double.POSITIVE_INFINITY, 1e-6), s -> { });
    assertTrue(shallow.quality().score() < deep.quality().score(),
        "2 bins and depth 1 must fit worse: " + shallow.quality().score() + " vs " + deep.quality().score());
  }

  @Test
  void evaluatesAndWritesBothReportFilesOfOneResultDeterministically(@TempDir Path dir) throws IOException {
    Evaluator ev = new Evaluator(0.3, 42, 200);
    List<String> progress = new ArrayList<>();
    EvalResult r = ev.evaluate(toy(400), "copula", new PrivacyBudget(1.0, 1e-6), progress::add);
    assertEquals(280, r.train().rowCount());
    assertEquals(120, r.holdout().rowCount());
    assertEquals(280, r.synthetic().rowCount());
    assertTrue(r.epsilon() <= 1.0 + 1e-9, "epsilon " + r.epsilon());
    assertTrue(r.quality().score() > 0.5 && r.quality().score() <= 1, "quality " + r.quality().score());
    assertTrue(r.diagnostics().allValid(), r.diagnostics().toString());
    assertTrue(r.privacy().attackAuc() >= 0 && r.privacy().attackAuc() <= 1);
    assertFalse(progress.isEmpty());

    Path out = dir.resolve("report");
    ReportWriter.write(List.of(r), out);
    String json = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"membershipAttackAuc\":" + r.privacy().attackAuc()), json);
    assertTrue(html.contains("<svg") && html.contains("toy") && !html.contains("<script"), "html");
    assertTrue(html.contains("id='corr-real-toy'") && html.contains("id='corr-synthetic-toy'"), "heatmaps");
    assertTrue(json.contains("\"correlations\":{\"columns\":[\"x\",\"c\"]"), json);
    // One result always gives the same report; a second evaluation repeats the seeded split but trains with
    // fresh DP noise, so only its split, not its scores, is the same.
    assertEquals(json, ReportWriter.json(List.of(r)));
    EvalResult again = ev.evaluate(toy(400), "copula", new PrivacyBudget(1.0, 1e-6), s -> { });
    assertEquals(r.train().rowCount(), again.train().rowCount());
    assertEquals(r.holdout().rowCount(), again.holdout().rowCount());
  }

  @Test
  void refusesNonEmptyOrUnwritableOutputWithoutPartialReport(@TempDir Path dir) throws IOException {
    EvalResult r = new Evaluator(0.3, 1, 50).evaluate(toy(200), "copula", new PrivacyBudget(1.0, 1e-6), s -> { });
    Path busy = dir.resolve("busy");
    Files.createDirectories(busy);
    Files.writeString(busy.resolve("x"), "keep", StandardCharsets.UTF_8);
    IOException e = assertThrows(IOException.class, () -> ReportWriter.write(List.of(r), busy));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertFalse(Files.exists(busy.resolve("report.html")));
    Path noParent = dir.resolve("missing/deeper/out");
    assertThrows(IOException.class, () -> ReportWriter.write(List.of(r), noParent));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temp folder left behind");
    }
  }
}
