package io.surrogate.synth.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.FitOptions;
import io.surrogate.synth.FitResult;
import io.surrogate.synth.Generators;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.dp.TestNoise;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.sample.Seeds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fitting, accounting, determinism, round trip and bad input of the vae generator on a small table. */
class VaeGeneratorTest {
  static final Map<String, String> FAST = Map.of("epochs", "30", "batch_size", "200", "hidden", "32,32",
      "latent_dim", "8", "learning_rate", "0.005");

  static FitResult fit(TableData data, PrivacyBudget budget, long seed, Map<String, String> params) {
    return new VaeGenerator().fit(data, new FitOptions(budget, seed, params, p -> { }));
  }

  static Object[][] sample(TableModel model, int n, long seed) {
    Object[][] rows = new Object[n][model.spec().width()];
    model.sample(Seeds.stream(seed, 0), rows);
    return rows;
  }

  @Test
  void isRegisteredByName() {
    assertEquals(VaeGenerator.class, Generators.forName("vae").getClass());
  }

  @Test
  void learnsMarginalsAndTheCategoryNumericLinkWithoutPrivacy() {
    TableData data = SmallTable.rows(2000, 1, false);
    FitResult fit = fit(data, new PrivacyBudget(Double.POSITIVE_INFINITY, 0), 3, FAST);
    Object[][] rows = sample(fit.model(), 4000, 5);
    int red = 0;
    int nullAge = 0;
    double redAmount = 0;
    double blueAmount = 0;
    int blue = 0;
    for (Object[] r : rows) {
      assertEquals(null, r[0], "keys are left to the sampler");
      if ("red".equals(r[1])) {
        red++;
        redAmount += (Double) r[2];
      } else if ("blue".equals(r[1])) {
        blue++;
        blueAmount += (Double) r[2];
      }
      if (r[3] == null) {
        nullAge++;
      } else {
        long age = (Long) r[3];
        assertTrue(age >= 18 && age <= 77, "age " + age + " within the exact bounds");
      }
      assertTrue(r[4] instanceof Boolean);
    }
    assertEquals(0.5, red / 4000.0, 0.08, "share of red");
    assertEquals(0.1, nullAge / 4000.0, 0.06, "share of NULL age");
    assertTrue(blueAmount / blue - redAmount / red > 30,
        "blue amounts (" + blueAmount / blue + ") well above red ones (" + redAmount / red + ")");
    assertEquals(Double.POSITIVE_INFINITY, fit.cost().epsilon());
  }

  @Test
  void dpTrainingStaysWithinEpsilonAndListsEveryRelease() {
    TableData data = SmallTable.rows(3000, 2, false);
    FitResult fit = fit(data, new PrivacyBudget(3, 1e-6), 4, FAST);
    assertTrue(fit.cost().epsilon() <= 3 + 1e-9, "spent " + fit.cost().epsilon());
    assertTrue(fit.cost().epsilon() > 0.5, "spent " + fit.cost().epsilon());
    assertTrue(fit.cost().delta() <= 1e-6 + 1e-15, "delta " + fit.cost().delta());
    String lines = String.join("\n", fit.cost().releases());
    for (String expected : List.of("row count", "bounds of amount", "bounds of age", "categories of color",
        "histogram of amount", "histogram of age", "DP-SGD")) {
      assertTrue(lines.contains(expected), expected + " missing from:\n" + lines);
    }
    assertTrue(Math.abs(fit.model().noisyRowCount() - 3000) < 300, "noisy rows " + fit.model().noisyRowCount());
  }

  @Test
  void aFiniteBudgetStopsTrainingEarly() {
    TableData data = SmallTable.rows(1000, 2, true);
    Map<String, String> many = Map.of("epochs", "100000", "batch_size", "20", "hidden", "8", "latent_dim", "2",
        "noise_multiplier", "3");
    FitResult fit = fit(data, new PrivacyBudget(1, 1e-6), 4, many);
    String sgd = fit.cost().releases().stream().filter(l -> l.startsWith("DP-SGD")).findFirst().orElseThrow();
    long steps = Long.parseLong(sgd.replaceAll("^DP-SGD: (\\d+) steps.*$", "$1"));
    assertTrue(steps >= 10 && steps < 1_000_000, sgd);
    assertTrue(fit.cost().epsilon() <= 1 + 1e-9 && fit.cost().epsilon() > 0.9, "spent " + fit.cost().epsilon());
  }

  @Test
  void reproducibleNoiseGivesTheSameModelBytesAndFreshNoiseDoesNot() {
    TableData data = SmallTable.rows(800, 3, false);
    Map<String, String> dp = Map.of("epochs", "3", "batch_size", "40", "hidden", "16", "latent_dim", "4",
        "noise_multiplier", "3");
    FitOptions options = new FitOptions(new PrivacyBudget(2, 1e-6), 9, dp, p -> { });
    byte[] a = new VaeGenerator().fit(data, options.withNoise(TestNoise.seeded(4))).model().toBytes();
    byte[] b = new VaeGenerator().fit(data, options.withNoise(TestNoise.seeded(4))).model().toBytes();
    assertArrayEquals(a, b, "reproducible (test-only) noise and one seed give one model");
    // fresh noise: DP-SGD adds continuous Gaussian noise to every weight update, so two trainings with the
    // same seed agree on a float weight with negligible probability, let alone on all of them
    // (ε = 8 here so the category domain clears its noisy threshold whatever the noise)
    byte[] c = fit(data, new PrivacyBudget(8, 1e-6), 9, dp).model().toBytes();
    byte[] d = fit(data, new PrivacyBudget(8, 1e-6), 9, dp).model().toBytes();
    assertTrue(!java.util.Arrays.equals(c, d), "noise repeated across trainings with the same seed");
  }

  @Test
  void modelBytesRoundTripToTheSameRows() {
    TableModel model = fit(SmallTable.rows(500, 4, true), new PrivacyBudget(Double.POSITIVE_INFINITY, 0), 1,
        FAST).model();
    TableModel back = new VaeGenerator().read(model.toBytes());
    assertEquals(model.spec(), back.spec());
    assertEquals(model.noisyRowCount(), back.noisyRowCount());
    assertArrayEquals(model.toBytes(), back.toBytes());
    assertEquals(java.util.Arrays.deepToString(sample(model, 300, 2)),
        java.util.Arrays.deepToString(sample(back, 300, 2)));
  }

  @Test
  void refusesBadInputWithClearMessages() {
    TableData empty = TableData.of(SmallTable.spec(true), List.of());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> fit(empty, new PrivacyBudget(1, 1e-6), 1, FAST));
    assertTrue(zero.getMessage().contains("0 rows"), zero.getMessage());

    TableData data = SmallTable.rows(300, 5, false);
    IllegalArgumentException noBounds = assertThrows(IllegalArgumentException.class,
        () -> fit(data, new PrivacyBudget(1, 1e-6), 1, Map.of("preprocess_share", "0")));
    assertTrue(noBounds.getMessage().contains("column amount: no public bounds"), noBounds.getMessage());

    IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
        () -> fit(SmallTable.rows(300, 5, true), new PrivacyBudget(0.01, 1e-6), 1, FAST));
    assertTrue(tiny.getMessage().startsWith("epsilon: 0.01 too small for one epoch"), tiny.getMessage());

    IllegalArgumentException option = assertThrows(IllegalArgumentException.class,
        () -> fit(data, new PrivacyBudget(1, 1e-6), 1, Map.of("clip_norm", "-1")));
    assertEquals("clip_norm: -1.0 (expected: > 0)", option.getMessage());

    IllegalArgumentException corrupt = assertThrows(IllegalArgumentException.class,
        () -> new VaeGenerator().read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    assertTrue(corrupt.getMessage().startsWith("vae model: magic"), corrupt.getMessage());
  }
}
