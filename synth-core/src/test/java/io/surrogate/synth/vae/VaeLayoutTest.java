package io.surrogate.synth.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Placement of numeric values in the network's vector: linear between bounds, or by a released CDF. */
class VaeLayoutTest {

  @Test
  void linearScalingMapsTheBoundsToMinusOneAndOne() {
    VaeLayout.Block block = new VaeLayout.Block(0, null, 10, 30, false);
    assertEquals(-1, block.scale(10));
    assertEquals(0, block.scale(20));
    assertEquals(1, block.scale(30));
    assertEquals(1, block.scale(99), "clamped");
    assertEquals(25, block.unscale(0.5));
  }

  @Test
  void aCdfSpreadsASkewedColumnAndInvertsExactly() {
    // 90% of the mass in the first of four bins over [0, 100]
    double[] cdf = {0, 0.9, 0.95, 0.98, 1};
    VaeLayout.Block block = new VaeLayout.Block(0, null, 0, 100, false, cdf);
    assertEquals(-1, block.scale(0));
    assertEquals(2 * 0.9 - 1, block.scale(25), 1e-12);
    assertEquals(2 * 0.45 - 1, block.scale(12.5), 1e-12, "half-way through the first bin is the 45% point");
    assertEquals(1, block.scale(100));
    for (double v = 0; v <= 100; v += 0.5) {
      assertEquals(v, block.unscale(block.scale(v)), 1e-9, "round trip of " + v);
    }
    assertEquals(100, block.unscale(7), "clamped");
    assertTrue(block.unscale(0) < 25, "the median lies in the first bin: " + block.unscale(0));
  }

  @Test
  void refusesAMalformedCdf() {
    assertThrows(IllegalArgumentException.class,
        () -> new VaeLayout.Block(0, null, 0, 1, false, new double[] {0, 0.5, 0.5, 1}));
    assertThrows(IllegalArgumentException.class,
        () -> new VaeLayout.Block(0, null, 0, 1, false, new double[] {0.1, 1}));
    assertThrows(IllegalArgumentException.class, () -> new VaeLayout.Block(0, null, 0, 1, false, new double[] {0}));
  }
}
