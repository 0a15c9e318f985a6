package io.surrogate.synth.copula;

import java.util.Locale;
import java.util.Map;

/**
 * The copula's policy parameters, validated before any data is read.
 *
 * @param bins most histogram cells of a numeric column (2..1000; default 100)
 * @param correlation how the correlation is released
 */
public record CopulaOptions(int bins, Correlation correlation) {
  /** Default numeric cells. */
  public static final int DEFAULT_BINS = 100;

  /** How the latent correlation is released. */
  public enum Correlation {
    /** Kendall for at most 40 columns and 200,000 rows, otherwise Gauss. */
    AUTO,
    /** Noisy per-pair Kendall τ. */
    KENDALL,
    /** Noisy ZᵀZ of clipped normal scores. */
    GAUSS,
    /** Independent columns; spends nothing on correlation. */
    NONE
  }

  public CopulaOptions {
    if (bins < 2 || bins > 1000) {
      throw new IllegalArgumentException("copula bins: " + bins + " (expected: >= 2 and <= 1000)");
    }
    if (correlation == null) {
      throw new IllegalArgumentException("copula correlation: null (expected: auto, kendall, gauss, none)");
    }
  }

  /** Defaults: 100 bins, automatic correlation. */
  public static CopulaOptions defaults() {
    return new CopulaOptions(DEFAULT_BINS, Correlation.AUTO);
  }

  /**
   * Reads {@code bins} and {@code correlation} from policy parameters.
   *
   * @throws IllegalArgumentException naming an unknown key or a bad value
   */
  public static CopulaOptions parse(Map<String, String> params) {
    int bins = DEFAULT_BINS;
    Correlation correlation = Correlation.AUTO;
    for (Map.Entry<String, String> e : params.entrySet()) {
      String key = e.getKey().trim().toLowerCase(Locale.ROOT);
      String value = e.getValue() == null ? "" : e.getValue().trim();
      switch (key) {
        case "bins":
          try {
            bins = Integer.parseInt(value);
          } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("copula bins: '" + value + "' (expected: an integer from 2 to 1000)");
          }
          break;
        case "correlation":
          try {
            correlation = Correlation.valueOf(value.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                "copula correlation: '" + value + "' (expected: auto, kendall, gauss, none)");
          }
          break;
        default:
          throw new IllegalArgumentException(
              "copula parameter '" + e.getKey() + "' is unknown (expected: bins, correlation)");
      }
    }
    return new CopulaOptions(bins, correlation);
  }

  /** The release used for d columns and n rows. */
  Correlation resolve(int columns, long rows) {
    if (correlation != Correlation.AUTO) {
      return correlation;
    }
    return columns <= 40 && rows <= 200_000 ? Correlation.KENDALL : Correlation.GAUSS;
  }
}
