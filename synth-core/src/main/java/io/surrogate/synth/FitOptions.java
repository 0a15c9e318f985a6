package io.surrogate.synth;

import io.surrogate.synth.dp.NoiseSource;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleConsumer;

/**
 * How to fit one table: the budget, the seed of the data-independent choices in the fit, generator-specific
 * parameters from the policy, the source of DP noise, and a progress callback receiving fractions in [0, 1].
 *
 * @param budget privacy budget of this fit
 * @param seed seed of data-independent choices only (initial network weights, a random tree structure,
 *     the serving seed recorded with the model); never of DP noise
 * @param params generator-specific options, as the policy spells them
 * @param progress receives progress in [0, 1]; never null
 * @param noise where every DP release of this fit draws its noise; a fresh secure source unless given
 */
public record FitOptions(PrivacyBudget budget, long seed, Map<String, String> params, DoubleConsumer progress,
    NoiseSource noise) {

  public FitOptions {
    Objects.requireNonNull(budget, "budget");
    params = Map.copyOf(params);
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(noise, "noise");
  }

  /** Options whose noise comes from a fresh {@link NoiseSource#secure()}. */
  public FitOptions(PrivacyBudget budget, long seed, Map<String, String> params, DoubleConsumer progress) {
    this(budget, seed, params, progress, NoiseSource.secure());
  }

  /** Options with no generator parameters and no progress reporting. */
  public static FitOptions of(PrivacyBudget budget, long seed) {
    return new FitOptions(budget, seed, Map.of(), p -> { });
  }

  /** The same options drawing noise from {@code source} (tests pass a reproducible one). */
  public FitOptions withNoise(NoiseSource source) {
    return new FitOptions(budget, seed, params, progress, source);
  }
}
