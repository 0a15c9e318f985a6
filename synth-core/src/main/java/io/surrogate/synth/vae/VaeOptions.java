package io.surrogate.synth.vae;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validated training options of the vae generator, parsed from the policy's generator parameters.
 *
 * @param epochs passes over the data (DP training may stop earlier when the budget runs out)
 * @param batchSize expected batch size (Poisson rate q = batchSize / rows under DP)
 * @param latentDim width of the latent code
 * @param hidden widths of the hidden layers of encoder and decoder
 * @param learningRate Adam step size
 * @param noiseMultiplier σ of DP-SGD: noise standard deviation over clip norm
 * @param clipNorm C of DP-SGD: per-example gradient norm bound
 * @param preprocessShare share of ε for the released row count, bounds and domains, in [0, 1)
 */
public record VaeOptions(int epochs, int batchSize, int latentDim, int[] hidden, double learningRate,
    double noiseMultiplier, double clipNorm, double preprocessShare) {
  private static final Set<String> KEYS = Set.of("epochs", "batch_size", "latent_dim", "hidden", "learning_rate",
      "noise_multiplier", "clip_norm", "preprocess_share");

  /** Validates every field. */
  public VaeOptions {
    positive("epochs", epochs);
    positive("batch_size", batchSize);
    positive("latent_dim", latentDim);
    hidden = hidden.clone();
    if (hidden.length == 0) {
      throw new IllegalArgumentException("hidden: empty (expected: at least one layer width such as 128,128)");
    }
    for (int h : hidden) {
      positive("hidden", h);
    }
    positive("learning_rate", learningRate);
    positive("noise_multiplier", noiseMultiplier);
    positive("clip_norm", clipNorm);
    if (!(preprocessShare >= 0 && preprocessShare < 1)) {
      throw new IllegalArgumentException("preprocess_share: " + preprocessShare + " (expected: >= 0 and < 1)");
    }
  }

  /** Parses {@code params}, defaulting what is absent; unknown keys are refused. */
  public static VaeOptions parse(Map<String, String> params) {
    for (String key : params.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("vae option " + key + ": unknown (expected one of " + KEYS + ")");
      }
    }
    return new VaeOptions(
        (int) number(params, "epochs", 300),
        (int) number(params, "batch_size", 500),
        (int) number(params, "latent_dim", 32),
        hidden(params.getOrDefault("hidden", "128,128")),
        number(params, "learning_rate", 1e-3),
        number(params, "noise_multiplier", 1.1),
        number(params, "clip_norm", 1.0),
        number(params, "preprocess_share", 0.1));
  }

  /** The hidden widths (a copy). */
  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  private static double number(Map<String, String> params, String key, double fallback) {
    String text = params.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": " + text + " (expected: a number)", e);
    }
  }

  private static int[] hidden(String text) {
    try {
      return Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("hidden: " + text + " (expected: comma-separated widths such as 128,128)", e);
    }
  }

  private static void positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s (expected: > 0)", key, value));
    }
  }
}
