package io.surrogate.synth.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The RDP accountant against published DP-SGD values and closed forms. */
class RdpAccountantTest {

  @Test
  void mnistDpSgdReferenceClassicConversion() {
    RdpAccountant acc = new RdpAccountant().addSampledGaussian(256.0 / 60000, 1.1, 14_062);
    assertEquals(3.01, acc.epsilon(1e-5), 0.02);
  }

  @Test
  void mnistDpSgdReferenceTighterConversion() {
    RdpAccountant acc = new RdpAccountant().addSampledGaussian(256.0 / 60000, 1.1, 14_062);
    assertEquals(2.60, acc.epsilonTight(1e-5), 0.02);
  }

  @Test
  void adultDpSgdReferenceTighterConversion() {
    RdpAccountant acc = new RdpAccountant().addSampledGaussian(256.0 / 32561, 1.0, 3_815);
    assertEquals(3.05, acc.epsilonTight(1e-5), 0.02);
  }

  @Test
  void fullBatchIsThePlainGaussianMechanism() {
    // q = 1: RDP(α) = α / (2σ²) exactly
    for (int a : new int[] {2, 7, 100, 255}) {
      assertEquals(a / (2 * 1.5 * 1.5), RdpAccountant.sampledGaussian(1, 1.5, a), 1e-12);
    }
  }

  @Test
  void orderTwoMatchesTheClosedForm() {
    // α = 2: A = (1−q)² + 2q(1−q) + q²·e^{1/σ²} = 1 + q²(e^{1/σ²} − 1)
    double q = 0.01;
    double sigma = 0.8;
    double expected = Math.log1p(q * q * (Math.exp(1 / (sigma * sigma)) - 1));
    assertEquals(expected, RdpAccountant.sampledGaussian(q, sigma, 2), 1e-15);
  }

  @Test
  void stepsComposeByAdditionAndSubsamplingAmplifies() {
    double one = RdpAccountant.sampledGaussian(0.01, 1.0, 10);
    RdpAccountant acc = new RdpAccountant().addSampledGaussian(0.01, 1.0, 5).addSampledGaussian(0.01, 1.0, 5);
    assertEquals(10 * one, acc.rdp(10), 1e-12);
    assertTrue(one < RdpAccountant.sampledGaussian(1, 1.0, 10) / 100);
  }

  @Test
  void zcdpReleaseIsLinearInOrder() {
    RdpAccountant acc = new RdpAccountant().addZcdp(0.05);
    assertEquals(0.05 * 2, acc.rdp(2), 1e-15);
    assertEquals(0.05 * 255, acc.rdp(255), 1e-12);
    // converting a zCDP release through RDP is never worse than a bit above the direct zCDP bound
    double viaRdp = acc.epsilon(1e-6);
    double direct = ZcdpAccountant.epsilonFor(0.05, 1e-6);
    assertTrue(viaRdp >= direct - 1e-9 && viaRdp <= direct * 1.05, viaRdp + " vs " + direct);
  }

  @Test
  void tighterConversionIsTighter() {
    RdpAccountant acc = new RdpAccountant().addSampledGaussian(0.02, 1.2, 1000);
    assertTrue(acc.epsilonTight(1e-6) < acc.epsilon(1e-6));
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RdpAccountant.sampledGaussian(0.1, -1, 2));
    assertEquals("sigma: -1.0 (expected: finite and > 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RdpAccountant.sampledGaussian(1.5, 1, 2));
    assertEquals("q: 1.5 (expected: >= 0 and <= 1)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RdpAccountant().epsilon(0));
    assertEquals("delta: 0.0 (expected: > 0 and < 1)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RdpAccountant().rdp(1));
    assertEquals("order: 1 (expected: >= 2 and <= 255)", e.getMessage());
  }
}
