package io.surrogate.synth.dp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Noisy category counts: over a public domain (discrete Gaussian mechanism), or over the categories seen
 * in the data, keeping only those whose noisy count clears a stability threshold.
 *
 * <p>Every row adds 1 to exactly one count, so the vector of counts has L2 sensitivity 1 and discrete
 * Gaussian noise of σ = 1/√(2ρ) makes it ρ-zCDP. When the category list itself comes from data, a category held
 * by a single row would betray that row by appearing; the threshold {@code 2 + σ·Φ⁻¹(1 − δ)} (one more than
 * for continuous noise, by the discrete tail bound in {@link DiscreteGaussian}) lets it through with probability at most δ, so the release is (ρ, δ)-approximate zCDP. Kept categories are
 * returned in sorted order so their order carries nothing beyond the set.
 */
public final class CategoryDomains {
  private CategoryDomains() {
  }

  /**
   * Released categories and their noisy counts (clipped at 0).
   *
   * @param categories kept categories in sorted order
   * @param noisyCounts noisy count of each kept category, same order
   * @param threshold the noisy count a category had to exceed (0.5 under ρ = +∞)
   */
  public record Release(List<String> categories, double[] noisyCounts, double threshold) {
    public Release {
      categories = List.copyOf(categories);
      noisyCounts = noisyCounts.clone();
    }
  }

  /** The threshold a data-derived category's noisy count must exceed: {@code 2 + σ·Φ⁻¹(1 − δ)}. */
  public static double threshold(double sigma, double delta) {
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta: " + delta + " (expected: > 0 and < 1)");
    }
    return sigma == 0 ? 0.5 : 1 + DiscreteGaussian.thresholdSlack(sigma) + sigma * NormalQuantile.inverse(1 - delta);
  }

  /**
   * Releases the categories seen in the data with their noisy counts at cost (ρ, δ); ρ = +∞ keeps every
   * category with its exact count.
   *
   * @param counts exact count per category, sorted by category so noise draws are reproducible
   */
  public static Release thresholded(SortedMap<String, Long> counts, double rho, double delta,
      NoiseSource random) {
    double sigma = Gaussian.sigma(1, rho);
    double threshold = Double.isInfinite(rho) ? 0.5 : threshold(sigma, delta);
    List<String> kept = new ArrayList<>();
    List<Double> keptCounts = new ArrayList<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      double noisy = sigma == 0 ? e.getValue() : e.getValue() + DiscreteGaussian.sample(sigma, random);
      if (noisy > threshold) {
        kept.add(e.getKey());
        keptCounts.add(noisy);
      }
    }
    return new Release(kept, keptCounts.stream().mapToDouble(Double::doubleValue).toArray(), threshold);
  }

  /**
   * Noisy counts over a public domain at cost ρ, clipped at 0; categories absent from the data get
   * noise too, so the result says nothing about which are present.
   *
   * @param exact exact counts in domain order
   */
  public static double[] overPublicDomain(long[] exact, double rho, NoiseSource random) {
    double sigma = Gaussian.sigma(1, rho);
    double[] out = new double[exact.length];
    for (int i = 0; i < exact.length; i++) {
      out[i] = Math.max(0, DiscreteGaussian.release(exact[i], 1, rho, random));
    }
    return out;
  }
}
