package io.surrogate.synth.cart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.FitOptions;
import io.surrogate.synth.FitResult;
import io.surrogate.synth.Generators;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.PrivacyCost;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.dp.TestNoise;
import io.surrogate.synth.sample.PartitionedSampler;
import io.surrogate.synth.sample.Seeds;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Determinism, serialization, accounting and the shape of fitted CART models. */
class CartModelTest {
  private static final TableData DATA = MixedTable.rows(3000, 11);

  private static FitResult fit(double epsilon, long seed, Map<String, String> params) {
    return new CartGenerator().fit(DATA, new FitOptions(new PrivacyBudget(epsilon, 1e-9), seed, params, p -> { }));
  }

  @Test
  void isFoundByName() {
    assertInstanceOf(CartGenerator.class, Generators.forName("cart"));
    assertEquals("cart", fit(1, 1, Map.of()).model().generator());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 3, Double.POSITIVE_INFINITY})
  void reproducibleNoiseGivesIdenticalBytesAndFreshNoiseDoesNot(double epsilon) {
    FitOptions options = new FitOptions(new PrivacyBudget(epsilon, 1e-9), 42, Map.of(), p -> { });
    byte[] a = new CartGenerator().fit(DATA, options.withNoise(TestNoise.seeded(3))).model().toBytes();
    byte[] b = new CartGenerator().fit(DATA, options.withNoise(TestNoise.seeded(3))).model().toBytes();
    assertArrayEquals(a, b);
    byte[] fresh1 = fit(epsilon, 42, Map.of()).model().toBytes();
    byte[] fresh2 = fit(epsilon, 42, Map.of()).model().toBytes();
    if (Double.isInfinite(epsilon)) {
      assertArrayEquals(fresh1, fresh2, "without noise the fit is a function of data and seed");
    } else {
      // the same seed twice: the noisy row count alone (discrete Gaussian, σ ≥ 15) repeats with probability
      // about 1/(2σ√π) < 0.02, and every noisy leaf cell must repeat too, so equal bytes have probability below 1e-20
      assertFalse(Arrays.equals(fresh1, fresh2), "noise repeated across trainings with the same seed");
    }
  }

  @Test
  void readRestoresAModelThatSamplesTheSameRows() {
    TableModel model = fit(2, 5, Map.of()).model();
    TableModel copy = new CartGenerator().read(model.toBytes());
    assertArrayEquals(model.toBytes(), copy.toBytes());
    assertEquals(model.spec(), copy.spec());
    assertEquals(model.noisyRowCount(), copy.noisyRowCount());
    Object[][] first = new Object[500][DATA.spec().width()];
    Object[][] second = new Object[500][DATA.spec().width()];
    for (Object[] row : second) {
      Arrays.fill(row, "stale");
    }
    model.sample(Seeds.stream(9, 3), first);
    copy.sample(Seeds.stream(9, 3), second);
    assertTrue(Arrays.deepEquals(first, second), "same stream, same rows, whatever out held before");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 1, 8})
  void budgetSpentIsTheSumOfItsReleasesAndWithinTheBudget(double epsilon) {
    PrivacyCost cost = fit(epsilon, 3, Map.of()).cost();
    double sum = 0;
    Pattern rho = Pattern.compile("rho=([0-9.eE+-]+)$");
    for (String line : cost.releases()) {
      Matcher m = rho.matcher(line);
      assertTrue(m.find(), "release without a rho: " + line);
      sum += Double.parseDouble(m.group(1));
    }
    assertEquals(cost.rho(), sum, cost.rho() * 1e-5, "rho of the parts");
    assertTrue(cost.epsilon() <= epsilon * (1 + 1e-9), "epsilon " + cost.epsilon() + " > budget " + epsilon);
    assertTrue(cost.epsilon() >= epsilon * 0.999, "the plan spends its whole budget: " + cost.epsilon());
    assertTrue(cost.delta() <= 1e-9 * (1 + 1e-9), "delta " + cost.delta());
    assertTrue(cost.releases().stream().anyMatch(l -> l.startsWith("row count")));
    assertTrue(cost.releases().stream().anyMatch(l -> l.startsWith("column cat: category list")));
    assertTrue(cost.releases().stream().anyMatch(l -> l.startsWith("column amount: bounds")));
    assertTrue(cost.releases().stream().noneMatch(l -> l.contains("column id") || l.contains("column name")),
        "keys and PII are never modelled");
  }

  @Test
  void anUnlimitedFitReportsInfiniteEpsilonAndNoMoreDeltaThanGiven() {
    PrivacyCost cost = fit(Double.POSITIVE_INFINITY, 3, Map.of()).cost();
    assertEquals(Double.POSITIVE_INFINITY, cost.epsilon());
    assertTrue(cost.delta() <= 1e-9, "delta " + cost.delta());
    assertTrue(cost.releases().stream().allMatch(l -> l.endsWith("exact (epsilon = infinity)")),
        cost.releases().toString());
  }

  @Test
  void noRealValueIsCopiedEvenWithoutNoise() {
    // synthpop's donor draw would return real scores; bins drawn uniformly almost never hit one.
    TableModel model = fit(Double.POSITIVE_INFINITY, 4, Map.of()).model();
    Set<Object> real = new HashSet<>();
    DATA.rows().forEach(r -> real.add(r[5]));
    Object[][] rows = new Object[20_000][DATA.spec().width()];
    model.sample(Seeds.stream(4, 0), rows);
    long copies = Arrays.stream(rows).filter(r -> real.contains(r[5])).count();
    assertEquals(0, copies, "synthetic scores equal to a real score");
  }

  @Test
  void partitionsAreTheSameInAnyOrder() {
    PartitionedSampler sampler = new PartitionedSampler(fit(1, 6, Map.of()).model(), 77, 10_000, 1_000);
    Object[][] last = sampler.partition(9);
    for (int p = 0; p < 9; p++) {
      sampler.partition(p);
    }
    assertTrue(Arrays.deepEquals(last, sampler.partition(9)));
    assertFalse(Arrays.deepEquals(sampler.partition(8), sampler.partition(9)), "partitions use their own streams");
  }

  @Test
  void keyAndPiiColumnsAreLeftNull() {
    TableModel model = fit(1, 2, Map.of()).model();
    Object[][] rows = new Object[200][DATA.spec().width()];
    model.sample(Seeds.stream(1, 1), rows);
    for (Object[] row : rows) {
      assertNull(row[0]);
      assertNull(row[1]);
    }
  }

  @Test
  void noisyRowCountIsCloseToTheRealCount() {
    long n = fit(1, 2, Map.of()).model().noisyRowCount();
    assertTrue(Math.abs(n - 3000) < 500, "noisy count " + n);
    assertEquals(3000, fit(Double.POSITIVE_INFINITY, 2, Map.of()).model().noisyRowCount());
  }

  @Test
  void exactFitLearnsADependenceOnAnEarlierColumn() {
    // qty is a function of cat in the data (red: 1-2, green: 5-6, blue: 8-10); with exact splits the
    // tree for qty must split on cat, so synthetic rows keep the dependence.
    TableModel model = fit(Double.POSITIVE_INFINITY, 2, Map.of()).model();
    Object[][] rows = new Object[5000][DATA.spec().width()];
    model.sample(Seeds.stream(2, 0), rows);
    int agree = 0;
    int total = 0;
    for (Object[] row : rows) {
      if (row[2].equals("red") || row[2].equals("green")) {
        long qty = (Long) row[6];
        boolean ok = row[2].equals("red") ? qty >= 1 && qty <= 2 : qty >= 5 && qty <= 6;
        agree += ok ? 1 : 0;
        total++;
      }
    }
    assertTrue(total > 1000);
    assertTrue(agree > 0.95 * total, String.format(Locale.ROOT, "qty follows cat in %d of %d rows", agree, total));
  }

  @Test
  void randomStructureSpendsNothingOnSplitsAndEmSpendsOnEveryLevel() {
    PrivacyCost random = fit(4, 3, Map.of("structure", "random")).cost();
    assertTrue(random.releases().stream().noneMatch(l -> l.contains("splits")), random.releases().toString());
    PrivacyCost em = fit(4, 3, Map.of("structure", "em")).cost();
    assertTrue(em.releases().stream().anyMatch(l -> l.contains("tree level 0 splits")), em.releases().toString());
  }

  @Test
  void autoStructureReadsNoDataForSplitsAtSmallEpsilonAndUsesTheMechanismAtLarge() {
    PrivacyCost small = fit(0.3, 3, Map.of()).cost();
    assertTrue(small.releases().stream().noneMatch(l -> l.contains("splits")), small.releases().toString());
    PrivacyCost large = fit(4, 3, Map.of()).cost();
    assertTrue(large.releases().stream().anyMatch(l -> l.contains("splits")), large.releases().toString());
  }

  @Test
  void visitOrderAndDepthFollowTheOptions() {
    CartModel model = (CartModel) fit(Double.POSITIVE_INFINITY, 1, Map.of("visit_order",
        "grp,cat,flag,amount,score,qty,day,ts", "max_depth", "3")).model();
    assertEquals(java.util.List.of("grp", "cat", "flag", "amount", "score", "qty", "day", "ts"), model.visitOrder());
    assertEquals(0, model.depth("grp"));
    assertEquals(3, model.depth("ts"));
  }
}
