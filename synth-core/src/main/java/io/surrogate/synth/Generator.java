package io.surrogate.synth;

/**
 * A way to fit tables under differential privacy; implementations are found by name through
 * {@link Generators}.
 */
public interface Generator {

  /** Policy name, such as {@code copula}, {@code cart} or {@code vae}. */
  String name();

  /**
   * Fits a model on {@code data} spending at most {@code options.budget()}. Every data-derived
   * number in the model is either public in the spec or released through a DP mechanism, and
   * listed in the returned cost.
   *
   * @throws IllegalArgumentException when the options or data cannot be fitted (message names why)
   */
  FitResult fit(TableData data, FitOptions options);

  /** Restores a model written by {@link TableModel#toBytes()}. */
  TableModel read(byte[] bytes);
}
