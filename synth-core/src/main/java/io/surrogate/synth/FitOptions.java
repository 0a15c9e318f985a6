package io.surrogate.synth;

import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleConsumer;

/**
 * How to fit one table: the budget, the seed of all randomness in the fit, generator-specific
 * parameters from the policy, and a progress callback receiving fractions in [0, 1].
 *
 * @param budget privacy budget of this fit
 * @param seed seed of every random draw in the fit (noise included)
 * @param params generator-specific options, as the policy spells them
 * @param progress receives progress in [0, 1]; never null
 */
public record FitOptions(PrivacyBudget budget, long seed, Map<String, String> params, DoubleConsumer progress) {

  public FitOptions {
    Objects.requireNonNull(budget, "budget");
    params = Map.copyOf(params);
    Objects.requireNonNull(progress, "progress");
  }

  /** Options with no generator parameters and no progress reporting. */
  public static FitOptions of(PrivacyBudget budget, long seed) {
    return new FitOptions(budget, seed, Map.of(), p -> { });
  }
}
