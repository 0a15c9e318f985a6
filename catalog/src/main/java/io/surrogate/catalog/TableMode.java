package io.surrogate.catalog;

/** Whether a table is served from the source as it is or replaced by synthetic rows. */
public enum TableMode {
  /** Real rows pass through; only for tables the policy explicitly marks public. */
  REAL,
  /** Every read is answered from a DP model; the default for every table not listed. */
  SYNTHETIC
}
