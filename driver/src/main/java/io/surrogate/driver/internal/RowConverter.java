package io.surrogate.driver.internal;

import io.surrogate.synth.TableSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * Converts synth-core rows (Long, BigDecimal, Double, String, Boolean, LocalDate, LocalDateTime) into
 * Calcite's internal representation of the table's SQL row type (DATE as int days, TIMESTAMP as long
 * millis, each integer type as its own Java type), matching columns by name ignoring case.
 */
final class RowConverter {
  private final int[] sourceIndex;
  private final UnaryOperator<Object>[] converters;
  private final ColumnarPartition.Store[] stores;

  @SuppressWarnings("unchecked")
  RowConverter(TableSpec spec, RelDataType rowType) {
    List<RelDataTypeField> fields = rowType.getFieldList();
    sourceIndex = new int[fields.size()];
    converters = new UnaryOperator[fields.size()];
    stores = new ColumnarPartition.Store[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      RelDataTypeField f = fields.get(i);
      sourceIndex[i] = indexIgnoringCase(spec, f.getName());
      converters[i] = converter(f.getType());
      stores[i] = store(f.getType());
    }
  }

  /** Converts one partition into columnar storage; the input is not modified. */
  ColumnarPartition columnar(Object[][] rows) {
    ColumnarPartition out = ColumnarPartition.allocate(rows.length, stores);
    for (int c = 0; c < sourceIndex.length; c++) {
      int s = sourceIndex[c];
      UnaryOperator<Object> convert = converters[c];
      for (int r = 0; r < rows.length; r++) {
        Object v = s < 0 ? null : rows[r][s];
        out.set(c, r, v == null ? null : convert.apply(v));
      }
    }
    return out;
  }

  private static ColumnarPartition.Store store(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case TINYINT -> ColumnarPartition.Store.BYTE;
      case SMALLINT -> ColumnarPartition.Store.SHORT;
      case INTEGER, DATE, TIME -> ColumnarPartition.Store.INT;
      case BIGINT, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> ColumnarPartition.Store.LONG;
      case REAL -> ColumnarPartition.Store.FLOAT;
      case FLOAT, DOUBLE -> ColumnarPartition.Store.DOUBLE;
      case BOOLEAN -> ColumnarPartition.Store.BOOLEAN;
      default -> ColumnarPartition.Store.OBJECT;
    };
  }

  private static int indexIgnoringCase(TableSpec spec, String name) {
    for (int i = 0; i < spec.width(); i++) {
      if (spec.column(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static UnaryOperator<Object> converter(RelDataType type) {
    int scale = type.getScale();
    return switch (type.getSqlTypeName()) {
      case TINYINT -> v -> (byte) asLong(v);
      case SMALLINT -> v -> (short) asLong(v);
      case INTEGER -> v -> (int) asLong(v);
      case BIGINT -> v -> asLong(v);
      case DECIMAL -> v -> decimal(v, scale);
      case REAL -> v -> ((Number) v).floatValue();
      case FLOAT, DOUBLE -> v -> ((Number) v).doubleValue();
      case BOOLEAN -> v -> v instanceof Boolean ? v : Boolean.valueOf(v.toString());
      case CHAR, VARCHAR -> v -> v instanceof String ? v : v.toString();
      case DATE -> v -> v instanceof LocalDate d ? (int) d.toEpochDay() : (int) asLong(v);
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> v -> millis(v);
      case TIME -> v -> (int) (millis(v) % 86_400_000L);
      default -> v -> v.toString();
    };
  }

  /** A served value as a whole number, rounded as the engine rounds it. */
  static long asLong(Object v) {
    if (v instanceof Number n) {
      return n instanceof BigDecimal d ? d.setScale(0, RoundingMode.HALF_EVEN).longValue() : Math.round(n.doubleValue());
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return Long.parseLong(v.toString());
  }

  /** A served value as a decimal of {@code scale} digits (any when negative), rounded half-even. */
  static BigDecimal decimal(Object v, int scale) {
    BigDecimal d = v instanceof BigDecimal b ? b
        : v instanceof Long || v instanceof Integer ? BigDecimal.valueOf(((Number) v).longValue())
        : v instanceof Number n ? BigDecimal.valueOf(n.doubleValue()) : new BigDecimal(v.toString());
    return scale >= 0 && scale != Integer.MIN_VALUE && d.scale() != scale ? d.setScale(scale, RoundingMode.HALF_EVEN) : d;
  }

  private static long millis(Object v) {
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (v instanceof LocalDate d) {
      return d.toEpochDay() * 86_400_000L;
    }
    return asLong(v);
  }
}
