package io.surrogate.synth;

/** What a column is for, which decides whether a generator models it. */
public enum ColumnRole {
  /** An ordinary column: modelled from data under the privacy budget. */
  VALUE,
  /** A primary-key column: never modelled; the sampler numbers synthetic rows instead. */
  KEY,
  /**
   * A foreign key served as a link to a parent table: never modelled; multi-table layout fills it with keys
   * of existing parent rows (see {@code io.surrogate.synth.relational.RowLayout}).
   */
  FOREIGN_KEY,
  /** A column of personal data: never read nor modelled; a data-free faker fills it. */
  PII
}
