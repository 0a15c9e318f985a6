package io.surrogate.synth.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.PrivacyCost;
import org.junit.jupiter.api.Test;

/** Each mechanism against values computed from its formula, over many seeded draws. */
class MechanismsTest {
  private static final int DRAWS = 200_000;

  @Test
  void gaussianNoiseHasTheSigmaOfItsRho() {
    NoiseSource r = TestNoise.seeded(3);
    double rho = 0.02;
    double sigma = Gaussian.sigma(2, rho);
    assertEquals(2 / Math.sqrt(2 * rho), sigma, 1e-12);
    double sumSq = 0;
    for (int i = 0; i < DRAWS; i++) {
      double x = Gaussian.release(0, 2, rho, r);
      sumSq += x * x;
    }
    assertEquals(sigma * sigma, sumSq / DRAWS, sigma * sigma * 0.02);
    assertEquals(rho, Gaussian.rho(2, sigma), 1e-12);
  }

  @Test
  void infiniteBudgetAddsNoNoise() {
    NoiseSource r = TestNoise.seeded(4);
    assertEquals(7, DiscreteLaplace.release(7, 1, Double.POSITIVE_INFINITY, r));
    assertEquals(7, DiscreteGaussian.release(7, 1, Double.POSITIVE_INFINITY, r));
    assertEquals(7.25, Gaussian.release(7.25, 1, Double.POSITIVE_INFINITY, r));
    assertEquals(42, NoisyCount.release(42, Double.POSITIVE_INFINITY, r));
  }

  @Test
  void exponentialMechanismFrequenciesFollowTheExponentialWeights() {
    double[] scores = {0, 1, 2, 4};
    double eps = 1.0;
    double[] weights = new double[scores.length];
    double total = 0;
    for (int i = 0; i < scores.length; i++) {
      weights[i] = Math.exp(eps * scores[i] / 2);
      total += weights[i];
    }
    int[] hits = new int[scores.length];
    NoiseSource r = TestNoise.seeded(5);
    for (int i = 0; i < DRAWS; i++) {
      hits[ExponentialMechanism.select(scores, 1, eps, r)]++;
    }
    for (int i = 0; i < scores.length; i++) {
      double p = weights[i] / total;
      double tolerance = 4 * Math.sqrt(p * (1 - p) / DRAWS);
      assertEquals(p, (double) hits[i] / DRAWS, tolerance, "candidate " + i);
    }
  }

  @Test
  void exponentialMechanismAtInfinityPicksTheFirstBest() {
    assertEquals(1, ExponentialMechanism.select(new double[] {1, 3, 3}, 1, Double.POSITIVE_INFINITY,
        TestNoise.seeded(6)));
  }

  @Test
  void zcdpConversionsRoundTrip() {
    for (double eps : new double[] {0.1, 1, 3, 10}) {
      for (double delta : new double[] {1e-5, 1e-9}) {
        double rho = ZcdpAccountant.rhoFor(eps, delta);
        assertEquals(eps, ZcdpAccountant.epsilonFor(rho, delta), 1e-9 * eps);
      }
    }
    // ε = ρ + 2√(ρ ln(1/δ)), computed by hand for ρ = 0.5, δ = e^-8: 0.5 + 2·√4 = 4.5
    assertEquals(4.5, ZcdpAccountant.epsilonFor(0.5, Math.exp(-8)), 1e-12);
    assertEquals(0.5, DiscreteLaplace.rho(1), 1e-15);
    assertEquals(1.0 / 8, ExponentialMechanism.rho(1), 1e-15);
    assertEquals(1, ExponentialMechanism.epsilonForRho(1.0 / 8), 1e-15);
  }

  @Test
  void accountantListsEveryReleaseAndRefusesOverspending() {
    ZcdpAccountant acc = new ZcdpAccountant(1, 1e-6);
    double half = acc.budgetRho() / 2;
    acc.spend(half, "a");
    acc.spend(half, "b");
    PrivacyCost cost = acc.cost();
    assertEquals(1, cost.epsilon(), 1e-9);
    assertEquals(2, cost.releases().size());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> acc.spend(half, "c"));
    assertTrue(e.getMessage().startsWith("release 'c' needs rho"), e.getMessage());
  }

  @Test
  void noisyCountLowerBoundHoldsAtItsRate() {
    NoiseSource r = TestNoise.seeded(7);
    double rho = 0.001;
    double beta = 0.05;
    int below = 0;
    int trials = 20_000;
    for (int i = 0; i < trials; i++) {
      long noisy = NoisyCount.release(1000, rho, r);
      if (NoisyCount.lowerBound(noisy, rho, beta) > 1000) {
        below++;
      }
    }
    assertEquals(beta, (double) below / trials, 0.01);
  }

  @Test
  void badBudgetsAreNamed() {
    NoiseSource r = TestNoise.seeded(8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiscreteLaplace.release(1, 1, -1, r));
    assertEquals("epsilon: -1.0 (expected: > 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Gaussian.release(1, 1, 0, r));
    assertEquals("rho: 0.0 (expected: > 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> NoisyCount.release(-3, 1, r));
    assertEquals("count: -3 (expected: >= 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> NormalQuantile.inverse(1));
    assertEquals("p: 1.0 (expected: > 0 and < 1)", e.getMessage());
  }

  @Test
  void normalQuantileInvertsTheCdf() {
    assertEquals(1.959963984540054, NormalQuantile.inverse(0.975), 1e-12);
    for (double p : new double[] {1e-12, 0.001, 0.3, 0.5, 0.9, 1 - 1e-9}) {
      assertEquals(p, NormalQuantile.cdf(NormalQuantile.inverse(p)), p * 1e-4);
    }
  }
}
