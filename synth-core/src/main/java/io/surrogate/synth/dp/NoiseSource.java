package io.surrogate.synth.dp;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The randomness of DP noise: bits from a {@link SecureRandom} seeded by the operating system, fresh for
 * every training, so two trainings never share noise and the policy seed cannot reproduce it.
 *
 * <p>Mechanisms take this type rather than a {@link RandomGenerator}, so a seeded serving stream cannot be
 * passed for noise by mistake. Bits are read from the generator in blocks (a {@code SecureRandom} call per
 * draw would dominate DP-SGD); access is synchronized, so one source may serve several threads. The only
 * other way to build one is package-private and used by tests alone: no policy, property or flag reaches it.
 */
public final class NoiseSource implements RandomGenerator {
  private static final int BLOCK = 4096;

  private final RandomGenerator seeded;
  private final SecureRandom secure;
  private final byte[] block = new byte[BLOCK];
  private int next = BLOCK;

  private NoiseSource(SecureRandom secure, RandomGenerator seeded) {
    this.secure = secure;
    this.seeded = seeded;
  }

  /** A source seeded afresh from the operating system's entropy. */
  public static NoiseSource secure() {
    return new NoiseSource(new SecureRandom(), null);
  }

  /** A reproducible source for unit tests of the mechanisms themselves; never used by training. */
  static NoiseSource reproducible(RandomGenerator bits) {
    return new NoiseSource(null, Objects.requireNonNull(bits, "bits"));
  }

  @Override
  public synchronized long nextLong() {
    if (seeded != null) {
      return seeded.nextLong();
    }
    if (next + Long.BYTES > BLOCK) {
      secure.nextBytes(block);
      next = 0;
    }
    long v = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      v = (v << 8) | (block[next++] & 0xFF);
    }
    return v;
  }

  /** A uniform integer in [0, bound), by rejection over whole bits so no value is favoured. */
  BigInteger below(BigInteger bound) {
    if (bound.signum() <= 0) {
      throw new IllegalArgumentException("bound: " + bound + " (expected: > 0)");
    }
    int bits = bound.bitLength();
    while (true) {
      BigInteger candidate = randomBits(bits);
      if (candidate.compareTo(bound) < 0) {
        return candidate;
      }
    }
  }

  private BigInteger randomBits(int bits) {
    BigInteger out = BigInteger.ZERO;
    int left = bits;
    while (left > 0) {
      int take = Math.min(63, left);
      long chunk = nextLong() >>> (64 - take);
      out = out.shiftLeft(take).or(BigInteger.valueOf(chunk));
      left -= take;
    }
    return out;
  }
}
