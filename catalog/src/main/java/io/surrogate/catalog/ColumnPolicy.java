package io.surrogate.catalog;

import io.surrogate.synth.pii.PiiKind;
import java.util.List;

/**
 * What the policy declares about one column: that it is PII, filled, or its public bounds or domain.
 *
 * @param name column name as written in the policy
 * @param pii faker kind, or null when the column is not PII
 * @param lower public lower bound, or null
 * @param upper public upper bound, or null
 * @param domain public category list, or null
 * @param boundsUnit how the bounds were written (dates as epoch days, date-times as epoch seconds);
 *     {@link BoundsUnit#NUMBER} when there are none
 * @param fill how the twin fills a column that is not modelled, or null
 */
public record ColumnPolicy(
    String name, PiiKind pii, Double lower, Double upper, List<String> domain, BoundsUnit boundsUnit,
    ColumnFill fill) {

  public ColumnPolicy {
    domain = domain == null ? null : List.copyOf(domain);
    boundsUnit = boundsUnit == null ? BoundsUnit.NUMBER : boundsUnit;
  }

  /** A declaration without a fill. */
  public ColumnPolicy(String name, PiiKind pii, Double lower, Double upper, List<String> domain,
      BoundsUnit boundsUnit) {
    this(name, pii, lower, upper, domain, boundsUnit, null);
  }

  /** A declaration whose bounds, if any, are plain numbers. */
  public ColumnPolicy(String name, PiiKind pii, Double lower, Double upper, List<String> domain) {
    this(name, pii, lower, upper, domain, BoundsUnit.NUMBER);
  }

  /** A column the twin fills instead of a model. */
  public static ColumnPolicy filled(String name, ColumnFill fill) {
    return new ColumnPolicy(name, null, null, null, null, BoundsUnit.NUMBER, java.util.Objects.requireNonNull(fill));
  }
}
