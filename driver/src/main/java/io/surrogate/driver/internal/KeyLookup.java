package io.surrogate.driver.internal;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * The key of a synthetic table as a point lookup sees it: synthetic key k is row k of the table (the sampler
 * numbers rows from 1), so {@code key = k} reads one partition instead of scanning every row.
 */
final class KeyLookup {
  private KeyLookup() {
  }

  /** Index in {@code rowType} of the table's only key column when it is an integer, else -1. */
  static int keyField(TableSpec spec, RelDataType rowType) {
    ColumnSpec key = null;
    for (ColumnSpec c : spec.columns()) {
      if (c.role() == ColumnRole.KEY) {
        if (key != null) {
          return -1;
        }
        key = c;
      }
    }
    if (key == null || key.kind() != ColumnKind.INTEGER) {
      return -1;
    }
    List<RelDataTypeField> fields = rowType.getFieldList();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).getName().equalsIgnoreCase(key.name())) {
        return i;
      }
    }
    return -1;
  }

  /** The whole-number value of a bound parameter or literal, else null. */
  static Long wholeNumber(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) v;
      try {
        return d.stripTrailingZeros().scale() <= 0 ? d.longValueExact() : null;
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return null;
  }
}
