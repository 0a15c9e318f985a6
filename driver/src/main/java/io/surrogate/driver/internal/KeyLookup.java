package io.surrogate.driver.internal;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * Finds an equality on a synthetic table's single integer key among a scan's filters. Synthetic key k is
 * row k of the table (the sampler numbers rows from 1), so such a lookup reads one partition instead of
 * scanning every row. The lookup answers the equality exactly (key k is row k, or no row), so that filter is
 * consumed; every other filter stays for Calcite to apply.
 */
final class KeyLookup {
  private KeyLookup() {
  }

  /**
   * The key value an {@code key = value} filter asks for, if the table has a single integer key. The filter
   * is removed from {@code filters}, since the lookup answers it exactly; the others stay for Calcite.
   */
  static OptionalLong takeRequestedKey(List<RexNode> filters, TableSpec spec, RelDataType rowType,
      DataContext root) {
    int keyField = keyField(spec, rowType);
    if (keyField < 0) {
      return OptionalLong.empty();
    }
    for (int f = 0; f < filters.size(); f++) {
      RexNode filter = filters.get(f);
      if (filter.getKind() != SqlKind.EQUALS) {
        continue;
      }
      List<RexNode> operands = ((RexCall) filter).getOperands();
      for (int side = 0; side < 2; side++) {
        RexNode ref = operands.get(side);
        RexNode value = operands.get(1 - side);
        if (ref instanceof RexInputRef && ((RexInputRef) ref).getIndex() == keyField) {
          Long k = value(value, root);
          if (k != null) {
            filters.remove(f);
            return OptionalLong.of(k);
          }
        }
      }
    }
    return OptionalLong.empty();
  }

  /** Index in {@code rowType} of the table's only key column when it is an integer, else -1. */
  private static int keyField(TableSpec spec, RelDataType rowType) {
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

  /** The whole-number value of a literal or bound parameter, else null. */
  private static Long value(RexNode node, DataContext root) {
    Object v;
    if (node instanceof RexLiteral) {
      v = ((RexLiteral) node).getValue3();
    } else if (node instanceof RexDynamicParam) {
      v = root.get("?" + ((RexDynamicParam) node).getIndex());
    } else {
      return null;
    }
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
