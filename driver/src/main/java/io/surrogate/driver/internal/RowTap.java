package io.surrogate.driver.internal;

import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The row a Calcite result set is positioned on, seen from the side. Avatica reads each value through
 * several layers of accessors; {@link SurrogateResultSet} reads common types straight from this row
 * instead. The tap is attached when the statement wrapper executes: it arms {@link #arm()} on its thread,
 * the plan's enumerable is built synchronously on that thread and registers its tap, and the wrapper
 * collects it with {@link #collect(Slot)}. Avatica keeps iterating the same enumerator, so the tapped
 * row is always the row Avatica's cursor is on.
 */
final class RowTap {
  private static final ThreadLocal<Slot> ARMED = new ThreadLocal<>();

  /** The row of the latest {@code current()}, or null before the first. */
  Object[] row;

  /** Where the next enumerable built on this thread registers its tap. */
  static final class Slot {
    private RowTap tap;
  }

  /** Starts capturing on this thread; pair with {@link #collect(Slot)} in a finally block. */
  static Slot arm() {
    Slot slot = new Slot();
    ARMED.set(slot);
    return slot;
  }

  /** Stops capturing and returns the tap registered since {@link #arm()}, or null. */
  static RowTap collect(Slot slot) {
    ARMED.remove();
    return slot.tap;
  }

  /** Wraps the rows of a plan producing {@code Object[]} rows, registering a tap when one is armed. */
  @SuppressWarnings("unchecked")
  static <T> Enumerable<T> capture(Enumerable<T> rows) {
    Slot slot = ARMED.get();
    if (slot == null) {
      return rows;
    }
    RowTap tap = new RowTap();
    slot.tap = tap;
    ARMED.remove();
    return (Enumerable<T>) new AbstractEnumerable<Object>() {
      @Override
      public Enumerator<Object> enumerator() {
        Enumerator<T> inner = rows.enumerator();
        return new Enumerator<>() {
          @Override
          public Object current() {
            Object row = inner.current();
            tap.row = row instanceof Object[] values ? values : null;
            return row;
          }

          @Override
          public boolean moveNext() {
            return inner.moveNext();
          }

          @Override
          public void reset() {
            inner.reset();
          }

          @Override
          public void close() {
            inner.close();
          }
        };
      }
    };
  }
}
