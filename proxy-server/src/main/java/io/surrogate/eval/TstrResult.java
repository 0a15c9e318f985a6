package io.surrogate.eval;

import java.util.List;

/**
 * ML utility of one table (train on synthetic, test on real): each model fitted once on the real training rows
 * and once on the synthetic rows, both scored on the real holdout.
 *
 * @param target target column
 * @param task {@code classification} or {@code regression}
 * @param positive the positive class of a binary target (the minority class in the real training rows), else null
 * @param scores one line per model and metric
 */
public record TstrResult(String target, String task, String positive, List<Score> scores) {

  /** Copies the score list. */
  public TstrResult {
    scores = List.copyOf(scores);
  }

  /** The score of {@code model} on {@code metric}, or null. */
  public Score score(String model, String metric) {
    for (Score s : scores) {
      if (s.model().equals(model) && s.metric().equals(metric)) {
        return s;
      }
    }
    return null;
  }

  /**
   * One metric of one model.
   *
   * @param model model name
   * @param metric metric name ({@code accuracy}, {@code f1}, {@code roc_auc} or {@code r2})
   * @param real value when trained on the real training rows
   * @param synthetic value when trained on the synthetic rows
   */
  public record Score(String model, String metric, double real, double synthetic) {

    /** How much utility the synthetic rows lose (real minus synthetic; positive is worse). */
    public double gap() {
      return real - synthetic;
    }
  }
}
