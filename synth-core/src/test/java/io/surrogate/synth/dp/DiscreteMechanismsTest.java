package io.surrogate.synth.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The exact discrete samplers against their distributions, drawn from fresh secure noise (not seeded): every
 * tolerance is at least six standard errors of the estimate, so a correct sampler fails one of these
 * assertions with probability below 1e-8.
 */
class DiscreteMechanismsTest {
  private static final int DRAWS = 200_000;

  @Test
  void discreteGaussianIsCenteredWithVarianceSigmaSquared() {
    NoiseSource noise = NoiseSource.secure();
    for (double sigma : new double[] {0.7, 3, 22.5}) {
      double sum = 0;
      double sumSq = 0;
      for (int i = 0; i < DRAWS; i++) {
        long x = DiscreteGaussian.sample(sigma, noise);
        sum += x;
        sumSq += (double) x * x;
      }
      double mean = sum / DRAWS;
      // the discrete Gaussian's variance is below σ² by 0.25% at σ = 0.7 and by under 1e-6 from σ = 1 (summed
      // from its mass function), well inside the tolerance
      double variance = sumSq / DRAWS - mean * mean;
      // standard error of the mean σ/√N, of the variance σ²·√(2/N) (0.32% at N = 200,000)
      assertEquals(0, mean, 6 * sigma / Math.sqrt(DRAWS), "mean at sigma " + sigma);
      assertEquals(sigma * sigma, variance, sigma * sigma * 0.02, "variance at sigma " + sigma);
    }
  }

  @Test
  void discreteGaussianMassMatchesItsFormulaAtSmallSigma() {
    // σ = 1: P(x) = exp(−x²/2)/Z with Z = Σ exp(−k²/2) over the integers
    NoiseSource noise = NoiseSource.secure();
    double z = 0;
    for (int k = -40; k <= 40; k++) {
      z += Math.exp(-k * k / 2.0);
    }
    int[] hits = new int[7];
    for (int i = 0; i < DRAWS; i++) {
      long x = DiscreteGaussian.sample(1, noise);
      if (Math.abs(x) <= 3) {
        hits[(int) x + 3]++;
      }
    }
    for (int x = -3; x <= 3; x++) {
      double p = Math.exp(-x * x / 2.0) / z;
      assertEquals(p, hits[x + 3] / (double) DRAWS, 6 * Math.sqrt(p * (1 - p) / DRAWS), "P(" + x + ")");
    }
  }

  @Test
  void discreteLaplaceHasTheVarianceOfTheTwoSidedGeometric() {
    NoiseSource noise = NoiseSource.secure();
    for (double epsilon : new double[] {0.25, 1, 3}) {
      double q = Math.exp(-epsilon);
      double expected = 2 * q / ((1 - q) * (1 - q));
      double sum = 0;
      double sumSq = 0;
      for (int i = 0; i < DRAWS; i++) {
        long x = DiscreteLaplace.release(100, 1, epsilon, noise) - 100;
        sum += x;
        sumSq += (double) x * x;
      }
      double mean = sum / DRAWS;
      // kurtosis 6 gives the sample variance a standard error of about σ²·√(5/N) = 0.5% of σ²
      assertEquals(0, mean, 6 * Math.sqrt(expected / DRAWS), "mean at epsilon " + epsilon);
      assertEquals(expected, sumSq / DRAWS - mean * mean, expected * 0.035, "variance at epsilon " + epsilon);
    }
  }

  @Test
  void zeroOfTheDiscreteLaplaceHasItsMass() {
    // P(0) = (1 − q)/(1 + q), q = e^−ε
    NoiseSource noise = NoiseSource.secure();
    double q = Math.exp(-0.5);
    double p = (1 - q) / (1 + q);
    int zeros = 0;
    for (int i = 0; i < DRAWS; i++) {
      zeros += DiscreteLaplace.sample(0.5, noise) == 0 ? 1 : 0;
    }
    assertEquals(p, zeros / (double) DRAWS, 6 * Math.sqrt(p * (1 - p) / DRAWS));
  }

  @Test
  void bernoulliOfExpIsExact() {
    NoiseSource noise = NoiseSource.secure();
    for (double gamma : new double[] {0.3, 1, 2.5}) {
      BigInteger[] f = ExactSampling.fraction(gamma);
      int hits = 0;
      for (int i = 0; i < DRAWS; i++) {
        hits += ExactSampling.bernoulliExp(f[0], f[1], noise) ? 1 : 0;
      }
      double p = Math.exp(-gamma);
      assertEquals(p, hits / (double) DRAWS, 6 * Math.sqrt(p * (1 - p) / DRAWS), "gamma " + gamma);
    }
  }

  @Test
  void fractionsAreExact() {
    BigInteger[] f = ExactSampling.fraction(0.375);
    assertEquals(BigInteger.valueOf(3), f[0]);
    assertEquals(BigInteger.valueOf(8), f[1]);
    f = ExactSampling.fraction(12);
    assertEquals(BigInteger.valueOf(12), f[0]);
    assertEquals(BigInteger.ONE, f[1]);
  }

  @Test
  void secureSourcesNeverRepeatEachOther() {
    // two fresh sources agree on 64 draws of 64 bits with probability 2^−4096
    long[] a = new long[64];
    long[] b = new long[64];
    NoiseSource first = NoiseSource.secure();
    NoiseSource second = NoiseSource.secure();
    for (int i = 0; i < a.length; i++) {
      a[i] = first.nextLong();
      b[i] = second.nextLong();
    }
    assertNotEquals(Arrays.toString(a), Arrays.toString(b));
  }

  @Test
  void noisyCountsAreIntegers() {
    NoiseSource noise = NoiseSource.secure();
    double[] counts = CategoryDomains.overPublicDomain(new long[] {5, 50, 500}, 0.1, noise);
    for (double c : counts) {
      assertEquals(Math.rint(c), c);
    }
    assertTrue(NoisyCount.release(1000, 0.01, noise) >= 0);
  }
}
