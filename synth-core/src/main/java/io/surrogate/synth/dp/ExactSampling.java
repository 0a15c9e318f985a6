package io.surrogate.synth.dp;

import java.math.BigInteger;

/**
 * Exact samplers of Canonne, Kamath and Steinke (2020, "The Discrete Gaussian for Differential Privacy",
 * Algorithms 1–3) in integer arithmetic: every probability is a ratio of integers and every draw compares
 * uniform integers, so no floating-point rounding shapes the distribution (Mironov 2012 shows that rounding
 * a floating-point Laplace or Gaussian leaks through the gaps it leaves).
 */
final class ExactSampling {
  private ExactSampling() {
  }

  /** Bernoulli(num/den) for 0 ≤ num ≤ den. */
  static boolean bernoulli(BigInteger num, BigInteger den, NoiseSource random) {
    return random.below(den).compareTo(num) < 0;
  }

  /** Bernoulli(exp(−num/den)) for num/den ≥ 0 (Algorithm 1). */
  static boolean bernoulliExp(BigInteger num, BigInteger den, NoiseSource random) {
    BigInteger[] whole = num.divideAndRemainder(den);
    for (BigInteger i = BigInteger.ZERO; i.compareTo(whole[0]) < 0; i = i.add(BigInteger.ONE)) {
      if (!bernoulliExpAtMostOne(BigInteger.ONE, BigInteger.ONE, random)) {
        return false;
      }
    }
    return bernoulliExpAtMostOne(whole[1], den, random);
  }

  /** Bernoulli(exp(−γ)) for γ = num/den in [0, 1]: the parity of the first K with Bernoulli(γ/K) = 0. */
  private static boolean bernoulliExpAtMostOne(BigInteger num, BigInteger den, NoiseSource random) {
    long k = 1;
    while (bernoulli(num, den.multiply(BigInteger.valueOf(k)), random)) {
      k++;
    }
    return (k & 1) == 1;
  }

  /**
   * The discrete Laplace distribution with P(x) ∝ exp(−|x|·s/t) over the integers, for integers s, t ≥ 1
   * (Algorithm 2).
   */
  static BigInteger discreteLaplace(BigInteger s, BigInteger t, NoiseSource random) {
    while (true) {
      BigInteger u = random.below(t);
      if (!bernoulliExp(u, t, random)) {
        continue;
      }
      long v = 0;
      while (bernoulliExp(BigInteger.ONE, BigInteger.ONE, random)) {
        v++;
      }
      BigInteger y = u.add(t.multiply(BigInteger.valueOf(v))).divide(s);
      boolean negative = random.nextBoolean();
      if (negative && y.signum() == 0) {
        continue;
      }
      return negative ? y.negate() : y;
    }
  }

  /**
   * The discrete Gaussian with P(x) ∝ exp(−x²/(2σ²)) over the integers, σ² = num/den > 0 (Algorithm 3:
   * discrete Laplace proposals of scale t = ⌊σ⌋ + 1, accepted with probability exp(−(|y| − σ²/t)²/(2σ²))).
   */
  static BigInteger discreteGaussian(BigInteger num, BigInteger den, NoiseSource random) {
    BigInteger t = num.divide(den).sqrt().add(BigInteger.ONE);
    // ⌊√⌊σ²⌋⌋ = ⌊σ⌋, so t = ⌊σ⌋ + 1 exactly
    while (true) {
      BigInteger y = discreteLaplace(BigInteger.ONE, t, random);
      // (|y| − σ²/t)² / (2σ²) = (|y|·den·t − num)² / (2·num·den·t²)
      BigInteger diff = y.abs().multiply(den).multiply(t).subtract(num);
      BigInteger gammaNum = diff.multiply(diff);
      BigInteger gammaDen = BigInteger.TWO.multiply(num).multiply(den).multiply(t).multiply(t);
      if (bernoulliExp(gammaNum, gammaDen, random)) {
        return y;
      }
    }
  }

  /** The exact value of a finite double x > 0 as {numerator, denominator}: x = m·2^e with m < 2^53. */
  static BigInteger[] fraction(double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("value: " + x + " (expected: finite and > 0)");
    }
    int shift = 52 - Math.getExponent(x);
    long m = (long) Math.scalb(x, shift);
    BigInteger num = BigInteger.valueOf(m);
    if (shift <= 0) {
      return new BigInteger[] {num.shiftLeft(-shift), BigInteger.ONE};
    }
    int trailing = Math.min(Long.numberOfTrailingZeros(m), shift);
    return new BigInteger[] {num.shiftRight(trailing), BigInteger.ONE.shiftLeft(shift - trailing)};
  }
}
