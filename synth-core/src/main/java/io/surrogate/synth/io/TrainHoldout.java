package io.surrogate.synth.io;

import io.surrogate.synth.TableData;
import io.surrogate.synth.sample.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A deterministic split of a table into training and holdout rows: a seeded shuffle of the row
 * indices, so the same (data, fraction, seed) always gives the same split.
 *
 * @param train rows to fit on
 * @param holdout rows kept back for evaluation
 */
public record TrainHoldout(TableData train, TableData holdout) {

  /**
   * Splits {@code data}, keeping {@code round(fraction·n)} rows out, in their original order.
   *
   * @throws IllegalArgumentException when the fraction is not in [0, 1)
   */
  public static TrainHoldout split(TableData data, double holdoutFraction, long seed) {
    if (!(holdoutFraction >= 0 && holdoutFraction < 1)) {
      throw new IllegalArgumentException("holdoutFraction: " + holdoutFraction + " (expected: >= 0 and < 1)");
    }
    int n = data.rowCount();
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    RandomGenerator random = Seeds.stream(seed, "split");
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = index[i];
      index[i] = index[j];
      index[j] = t;
    }
    int holdout = (int) Math.round(holdoutFraction * n);
    boolean[] out = new boolean[n];
    for (int i = 0; i < holdout; i++) {
      out[index[i]] = true;
    }
    List<Object[]> train = new ArrayList<>();
    List<Object[]> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      (out[i] ? kept : train).add(data.row(i));
    }
    return new TrainHoldout(TableData.of(data.spec(), train), TableData.of(data.spec(), kept));
  }
}
