package io.surrogate.driver.internal;

import io.surrogate.catalog.SqlState;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * JDBC 4.2 {@code getObject(column, LocalDate.class)} and friends, which Avatica's cursors refuse:
 * converted from the {@code java.sql} values Avatica does return.
 */
final class TemporalValues {
  private static final Set<Class<?>> TYPES =
      Set.of(LocalDate.class, LocalDateTime.class, LocalTime.class, OffsetDateTime.class);

  private TemporalValues() {
  }

  static boolean handles(Class<?> type) {
    return TYPES.contains(type);
  }

  static Object convert(Object raw, Class<?> type) throws SQLException {
    if (raw == null) {
      return null;
    }
    if (type == LocalDate.class) {
      if (raw instanceof Date d) {
        return d.toLocalDate();
      }
      if (raw instanceof Timestamp t) {
        return t.toLocalDateTime().toLocalDate();
      }
    } else if (type == LocalDateTime.class) {
      if (raw instanceof Timestamp t) {
        return t.toLocalDateTime();
      }
      if (raw instanceof Date d) {
        return d.toLocalDate().atStartOfDay();
      }
    } else if (type == LocalTime.class && raw instanceof Time t) {
      return t.toLocalTime();
    } else if (type == OffsetDateTime.class && raw instanceof Timestamp t) {
      return t.toLocalDateTime().atZone(ZoneId.systemDefault()).toOffsetDateTime();
    }
    throw SqlState.INVALID_PARAMETER_VALUE.create("getObject: a " + raw.getClass().getSimpleName()
        + " column (expected: a value convertible to " + type.getSimpleName() + ")", null);
  }
}
