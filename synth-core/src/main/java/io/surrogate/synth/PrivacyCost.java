package io.surrogate.synth;

import java.util.List;

/**
 * What one training released: the total (ε, δ) after conversion, the zCDP ρ it was accounted in
 * (+∞ for a no-noise run), and one line per release for the ledger.
 *
 * @param epsilon total ε spent
 * @param delta total δ spent
 * @param rho total zCDP ρ, or NaN when the generator accounts in another calculus (see {@code releases})
 * @param releases human-readable lines, one per DP release, naming the statistic and its mechanism
 */
public record PrivacyCost(double epsilon, double delta, double rho, List<String> releases) {

  public PrivacyCost {
    releases = List.copyOf(releases);
  }
}
