package io.surrogate.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Measured privacy of a synthetic sample: DCR share closer to training than to holdout, exact-match
 * rates, and the AUC of a distance-based membership-inference attack.
 *
 * @param closerToTrainShare share of synthetic rows strictly closer to train than to holdout, ties counted half (ideal ≈ 0.5)
 * @param exactMatchTrain share of synthetic rows identical (distance 0) to some train row
 * @param exactMatchHoldout share of synthetic rows identical to some holdout row
 * @param attackAuc AUC of score −DCR(real row, synthetic) separating train (members) from holdout (ideal ≈ 0.5)
 * @param medianDcrTrain median DCR of synthetic rows to train
 * @param medianDcrHoldout median DCR of synthetic rows to holdout
 */
public record PrivacyMetrics(double closerToTrainShare, double exactMatchTrain, double exactMatchHoldout,
    double attackAuc, double medianDcrTrain, double medianDcrHoldout) {

  /** Computes every metric; the sets should be of equal size so the DCR share has its 50% ideal. */
  public static PrivacyMetrics compute(Distances d, List<Object[]> train, List<Object[]> holdout,
      List<Object[]> synthetic) {
    if (train.isEmpty() || holdout.isEmpty() || synthetic.isEmpty()) {
      throw new IllegalArgumentException("privacy metrics: train " + train.size() + ", holdout " + holdout.size()
          + ", synthetic " + synthetic.size() + " rows (expected: all > 0)");
    }
    double[] toTrain = new double[synthetic.size()];
    double[] toHold = new double[synthetic.size()];
    double closer = 0;
    int matchTrain = 0;
    int matchHold = 0;
    for (int i = 0; i < synthetic.size(); i++) {
      toTrain[i] = d.dcr(synthetic.get(i), train);
      toHold[i] = d.dcr(synthetic.get(i), holdout);
      closer += toTrain[i] < toHold[i] ? 1 : toTrain[i] == toHold[i] ? 0.5 : 0;
      matchTrain += toTrain[i] == 0 ? 1 : 0;
      matchHold += toHold[i] == 0 ? 1 : 0;
    }
    double[] members = train.stream().mapToDouble(r -> -d.dcr(r, synthetic)).toArray();
    double[] nonMembers = holdout.stream().mapToDouble(r -> -d.dcr(r, synthetic)).toArray();
    int n = synthetic.size();
    return new PrivacyMetrics(closer / n, (double) matchTrain / n, (double) matchHold / n,
        auc(members, nonMembers), median(toTrain), median(toHold));
  }

  /** Mann–Whitney AUC: P(positive score &gt; negative score) with ties counted half. */
  public static double auc(double[] positives, double[] negatives) {
    if (positives.length == 0 || negatives.length == 0) {
      throw new IllegalArgumentException("auc: " + positives.length + " positives, " + negatives.length
          + " negatives (expected: both > 0)");
    }
    double[] neg = negatives.clone();
    Arrays.sort(neg);
    double sum = 0;
    for (double p : positives) {
      int below = lowerBound(neg, p);
      int notAbove = upperBound(neg, p);
      sum += below + 0.5 * (notAbove - below);
    }
    return sum / ((double) positives.length * neg.length);
  }

  private static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
}
