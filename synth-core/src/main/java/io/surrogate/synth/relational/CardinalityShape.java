package io.surrogate.synth.relational;

import io.surrogate.synth.metrics.KsComplement;
import java.util.Arrays;

/** SDMetrics-style CardinalityShapeSimilarity: 1 − KS statistic between two children-per-parent samples. */
public final class CardinalityShape {
  private CardinalityShape() {
  }

  /** 1 − sup |F_real − F_synth| over the observed counts; 1 means identical distributions. */
  public static double similarity(long[] real, long[] synthetic) {
    if (real.length == 0 || synthetic.length == 0) {
      throw new IllegalArgumentException("children-per-parent samples: sizes " + real.length + " and "
          + synthetic.length + " (expected: both non-empty)");
    }
    return 1 - KsComplement.statistic(Arrays.stream(real).asDoubleStream().toArray(),
        Arrays.stream(synthetic).asDoubleStream().toArray());
  }
}
