package io.surrogate.synth.dp;

/**
 * Rényi-DP accountant over the integer orders 2..255, for the sampled Gaussian mechanism of DP-SGD
 * (Mironov, Talwar &amp; Zhang 2019) and for zCDP releases (ρ-zCDP is (α, ρα)-RDP for every α).
 *
 * <p>For an integer order α the sampled Gaussian with sampling rate q and noise multiplier σ has
 * RDP(α) = ln(Σ_{k=0..α} C(α,k)·(1−q)^{α−k}·q^k·exp((k²−k)/(2σ²))) / (α−1), computed in log space so
 * that large orders do not overflow. RDP composes by addition per order; conversion to (ε, δ) takes the
 * best order, either classically, ε = min_α[RDP(α) + ln(1/δ)/(α−1)] (Mironov 2017), or with the tighter
 * ε = min_α[RDP(α) + ln((α−1)/α) − (ln δ + ln α)/(α−1)] (Balle et al. 2020).
 *
 * <p>Not thread-safe: one accountant belongs to one training.
 */
public final class RdpAccountant {
  /** Smallest order tracked. */
  public static final int MIN_ORDER = 2;
  /** Largest order tracked. */
  public static final int MAX_ORDER = 255;

  private static final double[] LOG_FACTORIAL = logFactorials();

  private final double[] rdp = new double[MAX_ORDER + 1];

  /** RDP at order α of one step of the Gaussian mechanism with noise multiplier σ on a Poisson q-sample. */
  public static double sampledGaussian(double q, double sigma, int order) {
    checkOrder(order);
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q: " + q + " (expected: >= 0 and <= 1)");
    }
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma: " + sigma + " (expected: finite and > 0)");
    }
    if (q == 0) {
      return 0;
    }
    if (q == 1) {
      return order / (2 * sigma * sigma);
    }
    double logA = Double.NEGATIVE_INFINITY;
    double logQ = Math.log(q);
    double log1mQ = Math.log1p(-q);
    for (int k = 0; k <= order; k++) {
      double term = logBinomial(order, k) + k * logQ + (order - k) * log1mQ
          + (k * (double) k - k) / (2 * sigma * sigma);
      logA = logAdd(logA, term);
    }
    return logA / (order - 1);
  }

  /** Adds {@code steps} compositions of the sampled Gaussian mechanism. */
  public RdpAccountant addSampledGaussian(double q, double sigma, long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps: " + steps + " (expected: >= 0)");
    }
    for (int a = MIN_ORDER; a <= MAX_ORDER; a++) {
      rdp[a] += steps * sampledGaussian(q, sigma, a);
    }
    return this;
  }

  /** Adds a ρ-zCDP release, which is (α, ρα)-RDP at every order. */
  public RdpAccountant addZcdp(double rho) {
    Mechanisms.checkRho(rho);
    for (int a = MIN_ORDER; a <= MAX_ORDER; a++) {
      rdp[a] += rho * a;
    }
    return this;
  }

  /** The accumulated RDP at one order. */
  public double rdp(int order) {
    checkOrder(order);
    return rdp[order];
  }

  /** ε at δ with the classic conversion ε = min_α[RDP(α) + ln(1/δ)/(α−1)]. */
  public double epsilon(double delta) {
    checkDelta(delta);
    double best = Double.POSITIVE_INFINITY;
    for (int a = MIN_ORDER; a <= MAX_ORDER; a++) {
      best = Math.min(best, rdp[a] + Math.log(1 / delta) / (a - 1));
    }
    return best;
  }

  /** ε at δ with the tighter conversion ε = min_α[RDP(α) + ln((α−1)/α) − (ln δ + ln α)/(α−1)]. */
  public double epsilonTight(double delta) {
    int order = bestOrderTight(delta);
    return rdp[order] + tightTerm(order, delta);
  }

  /** The order at which the tighter conversion is smallest. */
  public int bestOrderTight(double delta) {
    checkDelta(delta);
    int bestOrder = MIN_ORDER;
    double best = Double.POSITIVE_INFINITY;
    for (int a = MIN_ORDER; a <= MAX_ORDER; a++) {
      double eps = rdp[a] + tightTerm(a, delta);
      if (eps < best) {
        best = eps;
        bestOrder = a;
      }
    }
    return bestOrder;
  }

  private static double tightTerm(int a, double delta) {
    return Math.log((a - 1.0) / a) - (Math.log(delta) + Math.log(a)) / (a - 1);
  }

  private static double logBinomial(int n, int k) {
    return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
  }

  private static double logFactorial(int n) {
    return LOG_FACTORIAL[n];
  }

  private static double[] logFactorials() {
    double[] out = new double[MAX_ORDER + 1];
    for (int i = 2; i <= MAX_ORDER; i++) {
      out[i] = out[i - 1] + Math.log(i);
    }
    return out;
  }

  private static double logAdd(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    double hi = Math.max(a, b);
    return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
  }

  private static void checkOrder(int order) {
    if (order < MIN_ORDER || order > MAX_ORDER) {
      throw new IllegalArgumentException(
          "order: " + order + " (expected: >= " + MIN_ORDER + " and <= " + MAX_ORDER + ")");
    }
  }

  private static void checkDelta(double delta) {
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta: " + delta + " (expected: > 0 and < 1)");
    }
  }
}
