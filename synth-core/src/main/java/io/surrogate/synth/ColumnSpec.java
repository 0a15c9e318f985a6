package io.surrogate.synth;

import io.surrogate.synth.pii.PiiKind;
import java.util.List;
import java.util.Objects;

/**
 * One column of a table as generators see it: its name, kind, and what the policy declares public about it.
 *
 * <p>{@code lower}/{@code upper} are public bounds (dates as epoch days, timestamps as epoch seconds);
 * {@code domain} is a public category list. Both cost no privacy budget because they come from the
 * policy or from schema constraints, never from data. When absent, a generator must derive them
 * through a DP mechanism.
 *
 * @param name column name as the source spells it
 * @param kind value kind
 * @param nullable whether the schema allows NULL
 * @param scale digits after the decimal point for {@link ColumnKind#DECIMAL}, otherwise 0
 * @param role whether the column is modelled, numbered or faked
 * @param pii the faker for a {@link ColumnRole#PII} column, otherwise null
 * @param lower public lower bound, or null
 * @param upper public upper bound, or null
 * @param domain public category list, or null
 */
public record ColumnSpec(
    String name,
    ColumnKind kind,
    boolean nullable,
    int scale,
    ColumnRole role,
    PiiKind pii,
    Double lower,
    Double upper,
    List<String> domain) {

  /** Validates the combination of fields. */
  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(role, "role");
    if (scale < 0) {
      throw new IllegalArgumentException("scale: " + scale + " (expected: >= 0)");
    }
    if ((role == ColumnRole.PII) != (pii != null)) {
      throw new IllegalArgumentException(
          "column " + name + ": pii kind must be set exactly when role is PII (role " + role + ", pii " + pii + ")");
    }
    if ((lower == null) != (upper == null)) {
      throw new IllegalArgumentException("column " + name + ": bounds need both lower and upper");
    }
    if (lower != null && !(lower <= upper)) {
      throw new IllegalArgumentException(
          "column " + name + ": bounds [" + lower + ", " + upper + "] (expected: lower <= upper)");
    }
    domain = domain == null ? null : List.copyOf(domain);
  }

  /** A nullable value column with nothing declared public. */
  public static ColumnSpec of(String name, ColumnKind kind) {
    return new ColumnSpec(name, kind, true, 0, ColumnRole.VALUE, null, null, null, null);
  }

  public ColumnSpec withNullable(boolean value) {
    return new ColumnSpec(name, kind, value, scale, role, pii, lower, upper, domain);
  }

  public ColumnSpec withScale(int value) {
    return new ColumnSpec(name, kind, nullable, value, role, pii, lower, upper, domain);
  }

  public ColumnSpec withBounds(double lo, double hi) {
    return new ColumnSpec(name, kind, nullable, scale, role, pii, lo, hi, domain);
  }

  public ColumnSpec withDomain(List<String> values) {
    return new ColumnSpec(name, kind, nullable, scale, role, pii, lower, upper, values);
  }

  public ColumnSpec asKey() {
    return new ColumnSpec(name, kind, nullable, scale, ColumnRole.KEY, null, lower, upper, domain);
  }

  public ColumnSpec asForeignKey() {
    return new ColumnSpec(name, kind, nullable, scale, ColumnRole.FOREIGN_KEY, null, lower, upper, domain);
  }

  public ColumnSpec asPii(PiiKind value) {
    return new ColumnSpec(name, kind, nullable, scale, ColumnRole.PII, value, lower, upper, domain);
  }

  /** Whether a generator fits this column from data. */
  public boolean isModelled() {
    return role == ColumnRole.VALUE;
  }

  public boolean hasBounds() {
    return lower != null;
  }

  public boolean hasDomain() {
    return domain != null;
  }
}
