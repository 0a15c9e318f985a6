package io.surrogate.synth;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** The kinds of column a generator models, each with the one Java type its values take. */
public enum ColumnKind {
  /** Whole numbers; values are {@link Long}. */
  INTEGER(Long.class),
  /** Fixed-point numbers; values are {@link BigDecimal} at the column's scale. */
  DECIMAL(BigDecimal.class),
  /** Floating-point numbers; values are {@link Double}. */
  FLOAT(Double.class),
  /** Strings treated as categories; values are {@link String}. */
  CATEGORICAL(String.class),
  /** Values are {@link Boolean}. */
  BOOLEAN(Boolean.class),
  /** Calendar dates; values are {@link LocalDate}. */
  DATE(LocalDate.class),
  /** Timestamps without time zone; values are {@link LocalDateTime}. */
  TIMESTAMP(LocalDateTime.class);

  private final Class<?> javaType;

  ColumnKind(Class<?> javaType) {
    this.javaType = javaType;
  }

  /** Returns the class every non-null value of this kind has. */
  public Class<?> javaType() {
    return javaType;
  }

  /**
   * The public range of values served for this kind in natural units (epoch days for dates, epoch seconds for
   * timestamps: years 1 to 9999, as PostgreSQL and Java both hold them); unbounded for other kinds. DP bounds are
   * clamped to it, so noise never yields a date no client can read.
   */
  public double[] naturalRange() {
    return switch (this) {
      case DATE -> new double[] {LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay()};
      case TIMESTAMP -> new double[] {LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC),
          LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(java.time.ZoneOffset.UTC)};
      default -> new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    };
  }

  /** Whether values of this kind are ordered numbers (dates and timestamps included, as epoch offsets). */
  public boolean isNumeric() {
    return this == INTEGER || this == DECIMAL || this == FLOAT || this == DATE || this == TIMESTAMP;
  }
}
