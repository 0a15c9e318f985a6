package io.surrogate.synth.dp;

/** Argument checks shared by the mechanisms, so every one rejects a bad budget the same way. */
final class Mechanisms {
  private Mechanisms() {
  }

  static void checkEpsilon(double epsilon) {
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon: " + epsilon + " (expected: > 0)");
    }
  }

  static void checkRho(double rho) {
    if (!(rho > 0)) {
      throw new IllegalArgumentException("rho: " + rho + " (expected: > 0)");
    }
  }

  static void checkSensitivity(double sensitivity) {
    if (!(sensitivity > 0) || Double.isInfinite(sensitivity)) {
      throw new IllegalArgumentException("sensitivity: " + sensitivity + " (expected: finite and > 0)");
    }
  }
}
