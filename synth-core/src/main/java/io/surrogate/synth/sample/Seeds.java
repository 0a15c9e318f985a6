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
    long h = 1125899906842597L;
    for (int i = 0; i < purpose.length(); i++) {
      h = 31 * h + purpose.charAt(i);
    }
    return stream(seed, h);
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
