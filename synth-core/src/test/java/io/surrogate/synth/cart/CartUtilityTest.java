package io.surrogate.synth.cart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.FitOptions;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.sample.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Machine-learning utility at ε = ∞ (train on synthetic, test on held-out real rows, against train on
 * real): German credit accuracy within 5 points, bike-sharing {@code cnt} R² within 0.05. Each score is
 * the mean over three 70/30 splits, each with its own fit and forest seed, so one lucky split decides
 * nothing.
 */
class CartUtilityTest {
  private static final long[] SEEDS = {4242, 17, 2718};

  @Test
  void germanCreditAccuracyIsWithinFivePoints() {
    TableData data = SharedDatasets.germanCredit();
    double[] result = compare(data, "credit_risk", Set.of(), true);
    System.out.printf(Locale.ROOT, "[utility] german_credit accuracy: real %.4f, cart %.4f (seeds %s)%n",
        result[0], result[1], java.util.Arrays.toString(SEEDS));
    assertTrue(result[1] >= result[0] - 0.05,
        String.format(Locale.ROOT, "accuracy %.4f vs real %.4f (expected: within 0.05)", result[1], result[0]));
  }

  @Test
  void bikeSharingCountR2IsWithinFiveHundredths() {
    TableData data = SharedDatasets.bikeHours();
    double[] result = compare(data, "cnt", Set.of("casual", "registered"), false);
    System.out.printf(Locale.ROOT, "[utility] hour cnt R2: real %.4f, cart %.4f (seeds %s)%n",
        result[0], result[1], java.util.Arrays.toString(SEEDS));
    assertTrue(result[1] >= result[0] - 0.05,
        String.format(Locale.ROOT, "R2 %.4f vs real %.4f (expected: within 0.05)", result[1], result[0]));
  }

  /** Mean {score trained on real, score trained on synthetic} over the seeds, on held-out real rows. */
  private static double[] compare(TableData data, String target, Set<String> excluded, boolean classify) {
    double[] mean = new double[2];
    for (long seed : SEEDS) {
      double[] one = compare(data, target, excluded, classify, seed);
      mean[0] += one[0] / SEEDS.length;
      mean[1] += one[1] / SEEDS.length;
    }
    return mean;
  }

  private static double[] compare(TableData data, String target, Set<String> excluded, boolean classify,
      long seed) {
    RandomGenerator shuffle = Seeds.stream(seed, "split");
    List<Object[]> train = new ArrayList<>();
    List<Object[]> test = new ArrayList<>();
    for (Object[] row : data.rows()) {
      (shuffle.nextDouble() < 0.7 ? train : test).add(row);
    }
    TableModel model = new CartGenerator()
        .fit(TableData.of(data.spec(), train), FitOptions.of(new PrivacyBudget(Double.POSITIVE_INFINITY, 1e-9), seed))
        .model();
    List<Object[]> synth = CartQualityGateTest.sample(model, train.size(), seed);
    Encoder enc = new Encoder(data.spec(), target, excluded);
    return new double[] {evaluate(enc, train, test, classify, seed), evaluate(enc, synth, test, classify, seed)};
  }

  private static double evaluate(Encoder enc, List<Object[]> train, List<Object[]> test, boolean classify,
      long seed) {
    SmallForest forest = SmallForest.fit(enc.features(train), enc.target(train, classify), 30, 12, 3,
        Seeds.stream(seed, "forest"));
    double[][] x = enc.features(test);
    double[] y = enc.target(test, classify);
    double mean = 0;
    for (double v : y) {
      mean += v / y.length;
    }
    double hits = 0;
    double sse = 0;
    double sst = 0;
    for (int i = 0; i < x.length; i++) {
      double p = forest.predict(x[i]);
      hits += (p >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
      sse += (p - y[i]) * (p - y[i]);
      sst += (y[i] - mean) * (y[i] - mean);
    }
    return classify ? hits / x.length : 1 - sse / sst;
  }

  /** Numbers as they are, categories as their index in the public domain, the target as a number. */
  private record Encoder(TableSpec spec, int target, List<Integer> features) {
    Encoder(TableSpec spec, String target, Set<String> excluded) {
      this(spec, spec.indexOf(target), pick(spec, target, excluded));
    }

    private static List<Integer> pick(TableSpec spec, String target, Set<String> excluded) {
      List<Integer> out = new ArrayList<>();
      for (int c = 0; c < spec.width(); c++) {
        ColumnSpec col = spec.column(c);
        if (col.isModelled() && !col.name().equals(target) && !excluded.contains(col.name())) {
          out.add(c);
        }
      }
      return out;
    }

    double[][] features(List<Object[]> rows) {
      double[][] x = new double[rows.size()][features.size()];
      for (int i = 0; i < x.length; i++) {
        for (int k = 0; k < features.size(); k++) {
          x[i][k] = value(spec.column(features.get(k)), rows.get(i)[features.get(k)]);
        }
      }
      return x;
    }

    double[] target(List<Object[]> rows, boolean classify) {
      double[] y = new double[rows.size()];
      for (int i = 0; i < y.length; i++) {
        double v = value(spec.column(target), rows.get(i)[target]);
        y[i] = classify ? (v > 0 ? 1 : 0) : v;
      }
      return y;
    }

    private static double value(ColumnSpec col, Object v) {
      if (v == null) {
        return -1;
      }
      return col.kind() == ColumnKind.CATEGORICAL ? col.domain().indexOf(v) : ColumnCoder.toDouble(v);
    }
  }
}
