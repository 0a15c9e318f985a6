package io.surrogate.synth.dp;

import io.surrogate.synth.sample.Seeds;

/** Reproducible noise for unit tests; it lives in the test tree, so no training can reach it. */
public final class TestNoise {
  private TestNoise() {
  }

  /** A noise source that repeats for the same seed. */
  public static NoiseSource seeded(long seed) {
    return NoiseSource.reproducible(Seeds.stream(seed, "test-noise"));
  }
}
