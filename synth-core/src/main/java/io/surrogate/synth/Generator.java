package io.surrogate.synth;

import java.util.List;
import java.util.Map;

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

  /**
   * Whether this generator's models draw rows conditioned on given leading columns ({@link
   * TableModel#sampleGiven}), with the fit options {@link #conditionOptions} returns.
   */
  default boolean conditions() {
    return false;
  }

  /**
   * Fit options that make {@code given} (columns of the data) the leading, conditioning columns, merged into
   * {@code options}; only for a generator that {@link #conditions()}.
   */
  default Map<String, String> conditionOptions(Map<String, String> options,
      List<String> given, List<String> drawn) {
    throw new UnsupportedOperationException("generator " + name() + " cannot condition on given columns");
  }

  /** Restores a model written by {@link TableModel#toBytes()}. */
  TableModel read(byte[] bytes);
}
