package io.surrogate.eval;

import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.sample.Seeds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Train-synthetic-test-real: a seeded random forest and a linear model (logistic for categorical or boolean
 * targets, least squares for numeric ones) are fitted on the real training rows and on the synthetic rows and
 * scored on the real holdout the generator never saw.
 */
public final class Tstr {

  /** Trees per forest; kept small so the quality gate stays fast on two cores. */
  static final int TREES = 30;
  /** Rows each model is fitted on and scored on at most (a seeded sample beyond that), for the same reason. */
  static final int MAX_ROWS = 3000;
  /** Depth limit of each tree. */
  static final int DEPTH = 10;
  /** AdaGrad learning rate of the logistic regression. */
  static final double LOGISTIC_RATE = 0.05;
  /** Passes of the logistic regression over its fitting rows. */
  static final int LOGISTIC_EPOCHS = 100;
  /** Examples per gradient step of the logistic regression. */
  static final int LOGISTIC_BATCH = 10;

  // Tribuo logs every bagged tree at INFO through java.util.logging; one line per tree drowns the eval output.
  // Held in a field because java.util.logging keeps loggers only weakly.
  private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

  static {
    TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private Tstr() {}

  /**
   * Checks that {@code target} can be predicted in {@code real}: a known column, neither key nor PII, with at
   * least two distinct non-null values; returns its index.
   */
  public static int validate(TableData real, String target) {
    int c = real.spec().indexOf(target);
    if (c < 0) {
      List<String> names = new ArrayList<>();
      real.spec().columns().forEach(col -> names.add(col.name()));
      throw new IllegalArgumentException("--target " + real.spec().name() + "=" + target
          + ": unknown column (expected one of " + names + ")");
    }
    ColumnSpec col = real.spec().column(c);
    if (!col.isModelled()) {
      throw new IllegalArgumentException("--target " + real.spec().name() + "=" + target + ": a "
          + col.role().name().toLowerCase(Locale.ROOT) + " column (expected: a value column the generator models)");
    }
    Set<Object> distinct = new HashSet<>();
    for (Object v : real.column(c)) {
      if (v != null) {
        distinct.add(v);
      }
    }
    if (distinct.size() < 2) {
      throw new IllegalArgumentException("--target " + real.spec().name() + "=" + target + ": "
          + distinct.size() + " distinct non-null value(s) (expected: at least 2)");
    }
    return c;
  }

  /** Runs TSTR for {@code target}; every fit is seeded with {@code seed}. */
  public static TstrResult run(TableData train, TableData holdout, TableData synthetic, String target, long seed) {
    int t = validate(train, target);
    ColumnSpec col = train.spec().column(t);
    train = cap(train, seed, "real");
    holdout = cap(holdout, seed, "holdout");
    synthetic = cap(synthetic, seed, "synthetic");
    FeatureEncoder enc = new FeatureEncoder(train, t);
    return FeatureEncoder.isRegression(col.kind())
        ? regression(enc, train, holdout, synthetic, t, col.name(), seed)
        : classification(enc, train, holdout, synthetic, t, col.name(), seed);
  }

  // Seeded partial shuffle: the rows often come in time order, so a prefix would be biased.
  private static TableData cap(TableData data, long seed, String purpose) {
    if (data.rowCount() <= MAX_ROWS) {
      return data;
    }
    List<Object[]> copy = new ArrayList<>(data.rows());
    java.util.random.RandomGenerator random = Seeds.stream(seed, "eval-tstr-" + purpose);
    for (int i = 0; i < MAX_ROWS; i++) {
      java.util.Collections.swap(copy, i, i + random.nextInt(copy.size() - i));
    }
    return TableData.of(data.spec(), copy.subList(0, MAX_ROWS));
  }

  private static TstrResult classification(FeatureEncoder enc, TableData train, TableData holdout,
      TableData synthetic, int t, String name, long seed) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Object v : train.column(t)) {
      if (v != null) {
        counts.merge(v.toString(), 1, Integer::sum);
      }
    }
    String positive = null;
    if (counts.size() == 2) {
      positive = counts.entrySet().stream().min((a, b) -> a.getValue().compareTo(b.getValue())).orElseThrow().getKey();
    }
    Map<String, Supplier<Trainer<Label>>> trainers = new LinkedHashMap<>();
    trainers.put("random forest", () -> new RandomForestTrainer<>(
        new CARTClassificationTrainer(DEPTH, 0.5f, seed), new VotingCombiner(), TREES, seed));
    // Tribuo's default logistic regression (AdaGrad at rate 1.0 for 5 epochs, one example per step) stops far
    // from convergence: on german_credit its train-on-real accuracy was barely above the majority rate and
    // its train-on-synthetic accuracy swung by 0.16 between holdout splits. A smaller rate, more epochs and
    // small batches converge, giving a stronger real baseline and a steadier gap.
    trainers.put("logistic regression", () -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
        new LogMulticlass(), new AdaGrad(LOGISTIC_RATE, 0.1), LOGISTIC_EPOCHS, -1, LOGISTIC_BATCH, seed));
    List<String> truth = new ArrayList<>();
    for (Object[] row : holdout.rows()) {
      if (row[t] != null) {
        truth.add(row[t].toString());
      }
    }
    List<TstrResult.Score> scores = new ArrayList<>();
    // A fresh trainer per fit: Tribuo trainers advance their RNG on every call, and both fits must start alike.
    for (Map.Entry<String, Supplier<Trainer<Label>>> e : trainers.entrySet()) {
      double[] real = classify(e.getValue().get(), enc, train, holdout, t, truth, positive);
      double[] syn = classify(e.getValue().get(), enc, synthetic, holdout, t, truth, positive);
      scores.add(new TstrResult.Score(e.getKey(), "accuracy", real[0], syn[0]));
      scores.add(new TstrResult.Score(e.getKey(), "f1", real[1], syn[1]));
      scores.add(new TstrResult.Score(e.getKey(), "roc_auc", real[2], syn[2]));
    }
    return new TstrResult(name, "classification", positive, scores);
  }

  private static double[] classify(Trainer<Label> trainer, FeatureEncoder enc, TableData fitOn, TableData test,
      int t, List<String> truth, String positive) {
    LabelFactory factory = new LabelFactory();
    List<org.tribuo.Example<Label>> examples = new ArrayList<>();
    String[] names = enc.names();
    for (Object[] row : fitOn.rows()) {
      if (row[t] != null) {
        examples.add(new ArrayExample<>(new Label(row[t].toString()), names, enc.encode(row)));
      }
    }
    if (examples.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    Model<Label> model = trainer.train(new MutableDataset<>(
        new ListDataSource<>(examples, factory, new SimpleDataSourceProvenance("tstr", factory))));
    List<String> predicted = new ArrayList<>();
    List<Map<String, Double>> probs = new ArrayList<>();
    for (Object[] row : test.rows()) {
      if (row[t] == null) {
        continue;
      }
      Prediction<Label> p = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, enc.encode(row)));
      predicted.add(p.getOutput().getLabel());
      Map<String, Double> s = new TreeMap<>();
      p.getOutputScores().forEach((k, v) -> s.put(k, v.getScore()));
      probs.add(s);
    }
    return new double[] {ClassificationScores.accuracy(truth, predicted),
        ClassificationScores.f1(truth, predicted, positive), ClassificationScores.auc(truth, probs, positive)};
  }

  private static TstrResult regression(FeatureEncoder enc, TableData train, TableData holdout,
      TableData synthetic, int t, String name, long seed) {
    Map<String, Supplier<Trainer<Regressor>>> trainers = new LinkedHashMap<>();
    trainers.put("random forest", () -> new RandomForestTrainer<>(new CARTRegressionTrainer(DEPTH, 5, 0.0f, 0.5f,
        new MeanSquaredError(), seed), new AveragingCombiner(), TREES, seed));
    trainers.put("linear regression", () -> new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), 20, seed));
    List<TstrResult.Score> scores = new ArrayList<>();
    for (Map.Entry<String, Supplier<Trainer<Regressor>>> e : trainers.entrySet()) {
      double real = r2(e.getValue().get(), enc, train, holdout, t);
      double syn = r2(e.getValue().get(), enc, synthetic, holdout, t);
      scores.add(new TstrResult.Score(e.getKey(), "r2", real, syn));
    }
    return new TstrResult(name, "regression", null, scores);
  }

  // The target is standardised with the fitting set's own moments so the SGD step size suits any scale.
  private static double r2(Trainer<Regressor> trainer, FeatureEncoder enc, TableData fitOn, TableData test, int t) {
    double sum = 0;
    double sq = 0;
    int n = 0;
    for (Object[] row : fitOn.rows()) {
      if (row[t] != null) {
        double y = FeatureEncoder.number(row[t]);
        sum += y;
        sq += y * y;
        n++;
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    double mean = sum / n;
    double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
    sd = sd > 1e-12 ? sd : 1.0;
    RegressionFactory factory = new RegressionFactory();
    List<org.tribuo.Example<Regressor>> examples = new ArrayList<>();
    String[] names = enc.names();
    for (Object[] row : fitOn.rows()) {
      if (row[t] != null) {
        double y = (FeatureEncoder.number(row[t]) - mean) / sd;
        examples.add(new ArrayExample<>(new Regressor("y", y), names, enc.encode(row)));
      }
    }
    Model<Regressor> model = trainer.train(new MutableDataset<>(
        new ListDataSource<>(examples, factory, new SimpleDataSourceProvenance("tstr", factory))));
    List<double[]> pairs = new ArrayList<>();
    double truthSum = 0;
    for (Object[] row : test.rows()) {
      if (row[t] != null) {
        Prediction<Regressor> p = model.predict(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names,
            enc.encode(row)));
        double y = FeatureEncoder.number(row[t]);
        pairs.add(new double[] {y, p.getOutput().getValues()[0] * sd + mean});
        truthSum += y;
      }
    }
    double truthMean = truthSum / pairs.size();
    double ssRes = 0;
    double ssTot = 0;
    for (double[] p : pairs) {
      ssRes += (p[0] - p[1]) * (p[0] - p[1]);
      ssTot += (p[0] - truthMean) * (p[0] - truthMean);
    }
    return ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot;
  }
}
