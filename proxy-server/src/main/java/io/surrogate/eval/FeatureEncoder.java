package io.surrogate.eval;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns rows into dense feature vectors for the TSTR models: numbers standardised (dates as epoch days,
 * timestamps as epoch seconds, NULL as the mean plus a missing flag), categories and booleans one-hot.
 *
 * <p>The encoding is learnt from the real training rows only, so both models see the same feature space and
 * the holdout never shapes it.
 */
final class FeatureEncoder {

  private final List<Integer> columns = new ArrayList<>();
  private final List<double[]> moments = new ArrayList<>();
  private final List<List<String>> categories = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  FeatureEncoder(TableData realTrain, int target) {
    names.add("bias");
    for (int c = 0; c < realTrain.spec().width(); c++) {
      ColumnSpec col = realTrain.spec().column(c);
      if (c == target || !col.isModelled()) {
        continue;
      }
      columns.add(c);
      Object[] values = realTrain.column(c);
      if (col.kind().isNumeric()) {
        moments.add(moments(values));
        categories.add(null);
        names.add(col.name());
        names.add(col.name() + "#null");
      } else {
        TreeSet<String> seen = new TreeSet<>();
        for (Object v : values) {
          if (v != null) {
            seen.add(v.toString());
          }
        }
        moments.add(null);
        categories.add(List.copyOf(seen));
        for (String s : seen) {
          names.add(col.name() + "=" + s);
        }
      }
    }
  }

  /** Feature names, aligned with {@link #encode}. */
  String[] names() {
    return names.toArray(String[]::new);
  }

  /** The feature vector of one row. */
  double[] encode(Object[] row) {
    double[] out = new double[names.size()];
    out[0] = 1.0;
    int at = 1;
    for (int i = 0; i < columns.size(); i++) {
      Object v = row[columns.get(i)];
      if (moments.get(i) != null) {
        double[] m = moments.get(i);
        if (v == null) {
          out[at + 1] = 1.0;
        } else {
          out[at] = (number(v) - m[0]) / m[1];
        }
        at += 2;
      } else {
        List<String> cats = categories.get(i);
        int k = v == null ? -1 : cats.indexOf(v.toString());
        if (k >= 0) {
          out[at + k] = 1.0;
        }
        at += cats.size();
      }
    }
    return out;
  }

  /** A non-null numeric cell as a double. */
  static double number(Object v) {
    if (v instanceof BigDecimal b) {
      return b.doubleValue();
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof LocalDate d) {
      return d.toEpochDay();
    }
    if (v instanceof LocalDateTime t) {
      return t.toEpochSecond(ZoneOffset.UTC);
    }
    throw new IllegalArgumentException("value " + v + " (expected: a number, date or timestamp)");
  }

  private static double[] moments(Object[] values) {
    double sum = 0;
    double sq = 0;
    int n = 0;
    for (Object v : values) {
      if (v != null) {
        double x = number(v);
        sum += x;
        sq += x * x;
        n++;
      }
    }
    double mean = n == 0 ? 0 : sum / n;
    double var = n == 0 ? 0 : Math.max(0, sq / n - mean * mean);
    return new double[] {mean, var > 1e-12 ? Math.sqrt(var) : 1.0};
  }

  /** Whether a column of this kind is a regression target (else a classification one). */
  static boolean isRegression(ColumnKind kind) {
    return kind.isNumeric();
  }
}
