package io.surrogate.catalog;

/**
 * How a policy wrote a column's bounds, so they can be converted to the column's own unit once its
 * kind is known (dates are epoch days, timestamps epoch seconds).
 */
public enum BoundsUnit {
  /** Plain numbers, used as they are. */
  NUMBER,
  /** ISO dates such as {@code 2020-01-31}, stored as epoch days. */
  DATE,
  /** ISO date-times such as {@code 2020-01-31T12:00:00}, stored as epoch seconds (UTC). */
  DATE_TIME
}
