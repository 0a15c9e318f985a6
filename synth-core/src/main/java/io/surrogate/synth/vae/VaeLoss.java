package io.surrogate.synth.vae;

import java.util.Arrays;

/**
 * The reconstruction loss's gradient at the decoder output, per example: softmax cross-entropy for
 * one-hot blocks (and the NULL indicator), Gaussian with fixed σ for numeric values.
 */
final class VaeLoss {
  private VaeLoss() {
  }

  /** Writes into {@code g} the gradient of the example loss w.r.t. the decoder's output {@code out} for encoded row {@code x}. */
  static void outputGradient(VaeLayout layout, double[] x, double[] out, double[] g) {
    Arrays.fill(g, 0);
    double inv = 1 / (VaeLayout.NUMERIC_SIGMA * VaeLayout.NUMERIC_SIGMA);
    for (int b = 0; b < layout.blocks().size(); b++) {
      VaeLayout.Block block = layout.blocks().get(b);
      int at = layout.offset(b);
      if (block.categorical()) {
        softmax(x, out, g, at, block.width());
      } else if (block.nullable()) {
        softmax(x, out, g, at + 1, 2);
        // the value is only a target when present
        g[at] = x[at + 1] * (out[at] - x[at]) * inv;
      } else {
        g[at] = (out[at] - x[at]) * inv;
      }
    }
  }

  private static void softmax(double[] x, double[] out, double[] g, int at, int n) {
    double target = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      target += x[at + i];
      max = Math.max(max, out[at + i]);
    }
    if (target == 0) {
      return;
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += Math.exp(out[at + i] - max);
    }
    for (int i = 0; i < n; i++) {
      g[at + i] = Math.exp(out[at + i] - max) / total - x[at + i];
    }
  }
}
