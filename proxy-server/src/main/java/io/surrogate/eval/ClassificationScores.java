package io.surrogate.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accuracy, F1 and ROC AUC of class predictions: binary F1 and AUC take the given positive class; with more
 * classes both are macro averages over the true classes (AUC one-vs-rest).
 */
final class ClassificationScores {

  private ClassificationScores() {}

  /** Share of predictions equal to the truth. */
  static double accuracy(List<String> truth, List<String> predicted) {
    int hit = 0;
    for (int i = 0; i < truth.size(); i++) {
      hit += truth.get(i).equals(predicted.get(i)) ? 1 : 0;
    }
    return truth.isEmpty() ? Double.NaN : (double) hit / truth.size();
  }

  /** F1 of {@code positive}, or macro F1 over the true classes when {@code positive} is null. */
  static double f1(List<String> truth, List<String> predicted, String positive) {
    if (positive != null) {
      return f1Of(truth, predicted, positive);
    }
    double sum = 0;
    Set<String> classes = new LinkedHashSet<>(truth);
    for (String c : classes) {
      sum += f1Of(truth, predicted, c);
    }
    return sum / classes.size();
  }

  private static double f1Of(List<String> truth, List<String> predicted, String c) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < truth.size(); i++) {
      boolean t = truth.get(i).equals(c);
      boolean p = predicted.get(i).equals(c);
      tp += t && p ? 1 : 0;
      fp += !t && p ? 1 : 0;
      fn += t && !p ? 1 : 0;
    }
    return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  /** ROC AUC of {@code positive}'s score, or the one-vs-rest macro AUC when {@code positive} is null. */
  static double auc(List<String> truth, List<Map<String, Double>> scores, String positive) {
    if (positive != null) {
      return aucOf(truth, scores, positive);
    }
    double sum = 0;
    int n = 0;
    for (String c : new LinkedHashSet<>(truth)) {
      double a = aucOf(truth, scores, c);
      if (!Double.isNaN(a)) {
        sum += a;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  // Mann-Whitney form: the chance a random positive outscores a random negative, ties counting half.
  private static double aucOf(List<String> truth, List<Map<String, Double>> scores, String c) {
    List<Double> pos = new ArrayList<>();
    List<Double> neg = new ArrayList<>();
    for (int i = 0; i < truth.size(); i++) {
      double s = scores.get(i).getOrDefault(c, 0.0);
      (truth.get(i).equals(c) ? pos : neg).add(s);
    }
    if (pos.isEmpty() || neg.isEmpty()) {
      return Double.NaN;
    }
    double[] all = new double[pos.size() + neg.size()];
    boolean[] isPos = new boolean[all.length];
    Integer[] order = new Integer[all.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i < pos.size() ? pos.get(i) : neg.get(i - pos.size());
      isPos[i] = i < pos.size();
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
    double rankSumPos = 0;
    for (int i = 0; i < order.length; ) {
      int j = i;
      while (j + 1 < order.length && all[order[j + 1]] == all[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        rankSumPos += isPos[order[k]] ? midRank : 0;
      }
      i = j + 1;
    }
    double np = pos.size();
    double nn = neg.size();
    return (rankSumPos - np * (np + 1) / 2) / (np * nn);
  }
}
