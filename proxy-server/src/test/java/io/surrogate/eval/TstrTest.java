package io.surrogate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.pii.PiiKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TstrTest {

  private static final TableSpec SPEC = new TableSpec("toy", List.of(
      ColumnSpec.of("id", ColumnKind.INTEGER).asKey(),
      ColumnSpec.of("name", ColumnKind.CATEGORICAL).asPii(PiiKind.FIRST_NAME),
      ColumnSpec.of("x", ColumnKind.FLOAT),
      ColumnSpec.of("g", ColumnKind.CATEGORICAL),
      ColumnSpec.of("day", ColumnKind.DATE),
      ColumnSpec.of("constant", ColumnKind.CATEGORICAL),
      ColumnSpec.of("label", ColumnKind.CATEGORICAL),
      ColumnSpec.of("y", ColumnKind.FLOAT)));

  // label is "yes" exactly when x > 0.65 (about 35% of rows, the minority); y is linear in x and g.
  static TableData toy(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x = r.nextDouble();
      String g = r.nextBoolean() ? "a" : "b";
      rows.add(new Object[] {(long) i, null, x, g, LocalDate.of(2020, 1, 1).plusDays(r.nextInt(300)), "same",
          x > 0.65 ? "yes" : "no", 3 * x + ("a".equals(g) ? 1.0 : 0.0)});
    }
    return TableData.of(SPEC, rows);
  }

  private static TableData shuffledLabels(TableData data) {
    List<Object> labels = new ArrayList<>(List.of(data.column(6)));
    Collections.shuffle(labels, new Random(3));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < data.rowCount(); i++) {
      Object[] row = data.row(i).clone();
      row[6] = labels.get(i);
      rows.add(row);
    }
    return TableData.of(SPEC, rows);
  }

  @Test
  void syntheticEqualToRealHasNoGap() {
    TableData train = toy(600, 1);
    TableData holdout = toy(300, 2);
    TstrResult t = Tstr.run(train, holdout, train, "label", 5);
    assertEquals("classification", t.task());
    assertEquals("yes", t.positive());
    assertEquals(6, t.scores().size());
    for (TstrResult.Score s : t.scores()) {
      assertEquals(0.0, s.gap(), 0.0, s.toString());
    }
    assertTrue(t.score("random forest", "accuracy").real() > 0.95, t.toString());
    assertTrue(t.score("random forest", "f1").real() > 0.9, t.toString());
    assertTrue(t.score("logistic regression", "roc_auc").real() > 0.95, t.toString());
  }

  @Test
  void shuffledLabelsFallToTheMajorityRate() {
    TableData train = toy(600, 1);
    TableData holdout = toy(300, 2);
    double majority = 0;
    for (Object v : holdout.column(6)) {
      majority += "no".equals(v) ? 1 : 0;
    }
    majority /= holdout.rowCount();
    TstrResult t = Tstr.run(train, holdout, shuffledLabels(train), "label", 5);
    for (String model : List.of("random forest", "logistic regression")) {
      TstrResult.Score acc = t.score(model, "accuracy");
      assertTrue(acc.real() > 0.9, acc.toString());
      assertEquals(majority, acc.synthetic(), 0.1, acc + " vs majority rate " + majority);
      assertTrue(acc.gap() > 0.2, acc.toString());
    }
    // Only the forest's ranking is checked: x alone orders the holdout perfectly, so any tiny spurious slope the
    // linear model picks up from shuffled labels ranks it near 0 or 1, which is honest but not "about 0.5".
    assertEquals(0.5, t.score("random forest", "roc_auc").synthetic(), 0.15, t.toString());
  }

  @Test
  void regressionReportsR2() {
    TableData train = toy(600, 1);
    TableData holdout = toy(300, 2);
    TstrResult same = Tstr.run(train, holdout, train, "y", 5);
    assertEquals("regression", same.task());
    for (String model : List.of("random forest", "linear regression")) {
      TstrResult.Score r2 = same.score(model, "r2");
      assertNotNull(r2, same.toString());
      assertTrue(r2.real() > 0.9, r2.toString());
      assertEquals(0.0, r2.gap(), 0.0, r2.toString());
    }
    // Synthetic rows whose y ignores x carry no signal: R² on the real holdout drops to about zero or below.
    List<Object[]> noise = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(9);
    for (Object[] row : train.rows()) {
      Object[] copy = row.clone();
      copy[7] = r.nextDouble() * 4;
      noise.add(copy);
    }
    TstrResult bad = Tstr.run(train, holdout, TableData.of(SPEC, noise), "y", 5);
    assertTrue(bad.score("random forest", "r2").synthetic() < 0.2, bad.toString());
    assertTrue(bad.score("random forest", "r2").gap() > 0.7, bad.toString());
  }

  @Test
  void badTargetsFailBeforeAnyFit() {
    Evaluator ev = new Evaluator(0.25, 1, 100);
    TableData data = toy(200, 1);
    for (String[] c : new String[][] {{"nope", "unknown column"}, {"id", "a key column"}, {"name", "a pii column"},
        {"constant", "1 distinct non-null value"}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ev.evaluate(data, "copula", new PrivacyBudget(1.0, 1e-6), c[0], s -> { }));
      assertTrue(e.getMessage().contains("--target toy=" + c[0]) && e.getMessage().contains(c[1]), e.getMessage());
    }
  }
}
