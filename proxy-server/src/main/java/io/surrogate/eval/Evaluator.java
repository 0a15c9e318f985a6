package io.surrogate.eval;

import io.surrogate.synth.FitOptions;
import io.surrogate.synth.FitResult;
import io.surrogate.synth.Generators;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.io.TrainHoldout;
import io.surrogate.synth.metrics.QualityReport;
import io.surrogate.synth.sample.PartitionedSampler;
import io.surrogate.synth.sample.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Holdout evaluation of a generator on real rows: split deterministically, fit on the train part only (in
 * memory, never committed, no ledger spend: this is the data owner's own experiment), draw as many synthetic
 * rows as there are train rows, then score fidelity, validity and measured privacy.
 *
 * <p>Privacy distances compare equally sized samples (at most {@code maxPrivacyRows} of each of train, holdout
 * and synthetic) so the DCR share has its 50% ideal and the quadratic cost stays bounded.
 */
public final class Evaluator {

  /** Smallest train or holdout part accepted. */
  public static final int MIN_PART_ROWS = 20;

  private final double holdoutFraction;
  private final long seed;
  private final int maxPrivacyRows;

  /**
   * @param holdoutFraction share of real rows kept back, in (0, 0.9]
   * @param seed split, fit and sampling seed
   * @param maxPrivacyRows cap on rows per set for the distance metrics (&gt; 0)
   */
  public Evaluator(double holdoutFraction, long seed, int maxPrivacyRows) {
    if (!(holdoutFraction > 0 && holdoutFraction <= 0.9)) {
      throw new IllegalArgumentException("holdout: " + holdoutFraction + " (expected: > 0 and <= 0.9)");
    }
    if (maxPrivacyRows <= 0) {
      throw new IllegalArgumentException("maxPrivacyRows: " + maxPrivacyRows + " (expected: > 0)");
    }
    this.holdoutFraction = holdoutFraction;
    this.seed = seed;
    this.maxPrivacyRows = maxPrivacyRows;
  }

  /** Evaluates {@code generator} at {@code budget} on {@code real}; progress lines go to {@code progress}. */
  public EvalResult evaluate(TableData real, String generator, PrivacyBudget budget, Consumer<String> progress) {
    return evaluate(real, generator, budget, null, progress);
  }

  /**
   * As {@link #evaluate(TableData, String, PrivacyBudget, Consumer)}, and with a non-null {@code target} also
   * measures ML utility (TSTR) for that column; a target that cannot be predicted fails before any fit.
   */
  public EvalResult evaluate(TableData real, String generator, PrivacyBudget budget, String target,
      Consumer<String> progress) {
    return evaluate(real, generator, budget, Map.of(), target, progress);
  }

  /**
   * As {@link #evaluate(TableData, String, PrivacyBudget, String, Consumer)}, fitting with the generator options
   * {@code params} (the policy's {@code options:} of the table), so the experiment measures the configured model.
   */
  public EvalResult evaluate(TableData real, String generator, PrivacyBudget budget, Map<String, String> params,
      String target, Consumer<String> progress) {
    if (target != null) {
      Tstr.validate(real, target);
    }
    String table = real.spec().name();
    TrainHoldout split = TrainHoldout.split(real, holdoutFraction, seed);
    int nTrain = split.train().rowCount();
    int nHold = split.holdout().rowCount();
    if (nTrain < MIN_PART_ROWS || nHold < MIN_PART_ROWS) {
      throw new IllegalArgumentException("table " + table + ": " + real.rowCount() + " rows split into train "
          + nTrain + " and holdout " + nHold + " (expected: at least " + MIN_PART_ROWS + " in each part)");
    }
    progress.accept(table + ": fitting " + generator + " on " + nTrain + " train rows");
    FitResult fit = Generators.forName(generator).fit(split.train(), new FitOptions(budget, seed, params, p -> { }));
    progress.accept(table + ": sampling " + nTrain + " synthetic rows");
    PartitionedSampler sampler = new PartitionedSampler(fit.model(), seed, nTrain, 4096);
    List<Object[]> rows = new ArrayList<>(nTrain);
    for (int p = 0; p < sampler.partitionCount(); p++) {
      rows.addAll(List.of(sampler.partition(p)));
    }
    TableData synthetic = TableData.of(real.spec(), rows);
    progress.accept(table + ": scoring fidelity");
    QualityReport quality = QualityReport.compute(split.train(), synthetic);
    Diagnostics diagnostics = Diagnostics.compute(real, synthetic);
    int m = Math.min(maxPrivacyRows, Math.min(nHold, nTrain));
    progress.accept(table + ": measuring privacy on " + m + " rows per set");
    PrivacyMetrics privacy = PrivacyMetrics.compute(Distances.over(real), sample(split.train().rows(), m, "train"),
        sample(split.holdout().rows(), m, "holdout"), sample(rows, m, "synthetic"));
    TstrResult tstr = null;
    if (target != null) {
      progress.accept(table + ": ML utility (TSTR) for target " + target);
      tstr = Tstr.run(split.train(), split.holdout(), synthetic, target, seed);
    }
    return new EvalResult(table, generator, fit.cost().epsilon(), fit.cost().delta(), split.train(),
        split.holdout(), synthetic, quality, diagnostics, privacy, tstr);
  }

  // The split keeps rows in source order (often time order), so a prefix would be biased: draw a seeded
  // partial shuffle instead.
  private List<Object[]> sample(List<Object[]> rows, int n, String purpose) {
    List<Object[]> copy = new ArrayList<>(rows);
    RandomGenerator random = Seeds.stream(seed, "eval-privacy-" + purpose);
    for (int i = 0; i < n; i++) {
      Collections.swap(copy, i, i + random.nextInt(copy.size() - i));
    }
    return List.copyOf(copy.subList(0, n));
  }
}
