package io.surrogate.synth.sample;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Derives independent, reproducible random streams from one seed: the same (seed, stream) pair gives
 * the same stream on every JVM, because the algorithm is named rather than left to the platform.
 */
public final class Seeds {
  private static final RandomGeneratorFactory<RandomGenerator> FACTORY =
      RandomGeneratorFactory.of("L64X128MixRandom");

  private Seeds() {
  }

  /** A stream for one purpose (a partition, a column, a noise draw) of one seed. */
  public static RandomGenerator stream(long seed, long streamId) {
    return FACTORY.create(mix(seed, streamId));
  }

  /** A stream for a named purpose, so adding a purpose does not shift the others. */
  public static RandomGenerator stream(long seed, String purpose) {
    return stream(seed, purposeId(purpose));
  }

  /** A seed for a named purpose of {@code seed}, for {@link #uniform(long, long)} draws. */
  public static long purpose(long seed, String purpose) {
    return mix(seed, purposeId(purpose));
  }

  /**
   * One uniform double in [0, 1) for item {@code id} of a purpose seed: the same for the same pair, and cheap
   * enough to draw once per served row (no generator is built).
   */
  public static double uniform(long purposeSeed, long id) {
    return (mix(purposeSeed, id) >>> 11) * 0x1.0p-53;
  }

  private static long purposeId(String purpose) {
    long h = 1125899906842597L;
    for (int i = 0; i < purpose.length(); i++) {
      h = 31 * h + purpose.charAt(i);
    }
    return h;
  }

  /** SplitMix64 finaliser over both inputs: nearby seeds and ids give unrelated streams. */
  static long mix(long seed, long streamId) {
    long z = seed * 0x9E3779B97F4A7C15L + streamId;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
