package io.surrogate.synth.metrics;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * SDMetrics' single-table quality score: Column Shapes (mean KSComplement over numeric and date
 * columns, TVComplement over categorical and boolean ones), Column Pair Trends (mean
 * CorrelationSimilarity over numeric pairs, ContingencySimilarity over the other pairs with numeric
 * columns in 10 equal-width bins of the real range), and their mean. A column's metric follows its
 * {@link ColumnKind}: declare small-integer codes {@code CATEGORICAL} to score them as categories, as
 * SDV's metadata would. Key and PII columns are skipped; NaN scores (e.g. a constant column) are left
 * out of the means, as SDMetrics does.
 */
public final class QualityReport {
  /** Bins of a numeric column in a mixed pair. */
  public static final int PAIR_BINS = 10;

  private final List<ColumnScore> columns;
  private final List<PairScore> pairs;

  /**
   * One column's score.
   *
   * @param column column name
   * @param metric {@code KSComplement} or {@code TVComplement}
   * @param score score in [0, 1], or NaN
   */
  public record ColumnScore(String column, String metric, double score) {
  }

  /**
   * One column pair's score.
   *
   * @param left first column
   * @param right second column
   * @param metric {@code CorrelationSimilarity} or {@code ContingencySimilarity}
   * @param score score in [0, 1], or NaN
   */
  public record PairScore(String left, String right, String metric, double score) {
  }

  private QualityReport(List<ColumnScore> columns, List<PairScore> pairs) {
    this.columns = List.copyOf(columns);
    this.pairs = List.copyOf(pairs);
  }

  /**
   * Scores {@code synthetic} against {@code real}; both must have the same columns (by name and kind).
   *
   * @throws IllegalArgumentException when the specs differ
   */
  public static QualityReport compute(TableData real, TableData synthetic) {
    TableSpec spec = real.spec();
    checkSameShape(spec, synthetic.spec());
    List<Integer> scored = new ArrayList<>();
    for (int c = 0; c < spec.width(); c++) {
      if (spec.column(c).isModelled()) {
        scored.add(c);
      }
    }
    Object[][] realCols = new Object[spec.width()][];
    Object[][] synCols = new Object[spec.width()][];
    List<ColumnScore> columnScores = new ArrayList<>();
    for (int c : scored) {
      realCols[c] = real.column(c);
      synCols[c] = synthetic.column(c);
      ColumnSpec col = spec.column(c);
      columnScores.add(col.kind().isNumeric()
          ? new ColumnScore(col.name(), "KSComplement", KsComplement.compute(realCols[c], synCols[c]))
          : new ColumnScore(col.name(), "TVComplement", TvComplement.compute(realCols[c], synCols[c])));
    }
    List<PairScore> pairScores = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      for (int j = i + 1; j < scored.size(); j++) {
        pairScores.add(pair(spec, scored.get(i), scored.get(j), realCols, synCols));
      }
    }
    return new QualityReport(columnScores, pairScores);
  }

  private static PairScore pair(TableSpec spec, int a, int b, Object[][] real, Object[][] syn) {
    ColumnSpec ca = spec.column(a);
    ColumnSpec cb = spec.column(b);
    if (ca.kind().isNumeric() && cb.kind().isNumeric()) {
      return new PairScore(ca.name(), cb.name(), "CorrelationSimilarity",
          CorrelationSimilarity.compute(real[a], real[b], syn[a], syn[b]));
    }
    Object[] ra = ca.kind().isNumeric() ? MetricValues.discretize(real[a], real[a], PAIR_BINS) : real[a];
    Object[] sa = ca.kind().isNumeric() ? MetricValues.discretize(syn[a], real[a], PAIR_BINS) : syn[a];
    Object[] rb = cb.kind().isNumeric() ? MetricValues.discretize(real[b], real[b], PAIR_BINS) : real[b];
    Object[] sb = cb.kind().isNumeric() ? MetricValues.discretize(syn[b], real[b], PAIR_BINS) : syn[b];
    return new PairScore(ca.name(), cb.name(), "ContingencySimilarity", ContingencySimilarity.compute(ra, rb, sa, sb));
  }

  private static void checkSameShape(TableSpec real, TableSpec synthetic) {
    if (real.width() != synthetic.width()) {
      throw new IllegalArgumentException("synthetic table: " + synthetic.width() + " columns (expected: "
          + real.width() + ", as the real table)");
    }
    for (int c = 0; c < real.width(); c++) {
      ColumnSpec r = real.column(c);
      ColumnSpec s = synthetic.column(c);
      if (!r.name().equalsIgnoreCase(s.name()) || r.kind() != s.kind()) {
        throw new IllegalArgumentException("synthetic column " + c + ": " + s.name() + " " + s.kind()
            + " (expected: " + r.name() + " " + r.kind() + ")");
      }
    }
  }

  public List<ColumnScore> columns() {
    return columns;
  }

  public List<PairScore> pairs() {
    return pairs;
  }

  /** Mean column score (NaN scores left out). */
  public double columnShapes() {
    return mean(columns.stream().mapToDouble(ColumnScore::score).toArray());
  }

  /** Mean pair score (NaN scores left out). */
  public double pairTrends() {
    return mean(pairs.stream().mapToDouble(PairScore::score).toArray());
  }

  /** The overall quality: mean of Column Shapes and Column Pair Trends (or the one that exists). */
  public double score() {
    return mean(new double[] {columnShapes(), pairTrends()});
  }

  private static double mean(double[] xs) {
    double sum = 0;
    int n = 0;
    for (double x : xs) {
      if (!Double.isNaN(x)) {
        sum += x;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** A short multi-line summary: the three headline scores and the five weakest columns and pairs. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "quality %.4f (column shapes %.4f, column pair trends %.4f)", score(), columnShapes(), pairTrends()));
    columns.stream().filter(c -> !Double.isNaN(c.score())).sorted(Comparator.comparingDouble(ColumnScore::score))
        .limit(5).forEach(c -> s.append(
            String.format(Locale.ROOT, "%n  %-24s %-22s %.4f", c.column(), c.metric(), c.score())));
    pairs.stream().filter(p -> !Double.isNaN(p.score())).sorted(Comparator.comparingDouble(PairScore::score))
        .limit(5).forEach(p -> s.append(String.format(Locale.ROOT, "%n  %-24s %-22s %.4f",
            p.left() + "/" + p.right(), p.metric(), p.score())));
    return s.toString();
  }
}
