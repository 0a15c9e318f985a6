package io.surrogate.catalog;

/** When a synthetic table's model is trained. */
public enum TrainMode {
  /** On first use when no model exists yet. */
  AUTO,
  /** Only by {@code surrogate train}; using the table before that is an error. */
  MANUAL
}
