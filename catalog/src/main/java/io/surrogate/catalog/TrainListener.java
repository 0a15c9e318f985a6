package io.surrogate.catalog;

/**
 * Receives training progress. Phases are {@code schema}, {@code read}, {@code fit} and {@code commit};
 * fractions are in [0, 1]. Progress never carries a data-derived number such as a row count.
 */
@FunctionalInterface
public interface TrainListener {
  /** A listener that ignores progress. */
  TrainListener NONE = (table, phase, fraction) -> { };

  void progress(String table, String phase, double fraction);
}
