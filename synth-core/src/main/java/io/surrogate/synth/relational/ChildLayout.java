package io.surrogate.synth.relational;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a child table parent by parent: synthetic parent key i gets {@code countFor(seed, i)} child rows
 * whose foreign key is i, so a child partition covering a parent-key range is produced alone and
 * deterministically, and every foreign key references an existing synthetic parent (1..parentRows).
 */
public final class ChildLayout {
  private final CardinalityHistogram histogram;
  private final long seed;

  /** A layout drawing counts from {@code histogram} with streams of {@code seed}. */
  public ChildLayout(CardinalityHistogram histogram, long seed) {
    this.histogram = histogram;
    this.seed = seed;
  }

  /** Foreign-key values, in child-row order, of the children of parents {@code fromKey..toKey} inclusive. */
  public List<Long> foreignKeys(long fromKey, long toKey) {
    if (fromKey < 1 || toKey < fromKey - 1) {
      throw new IllegalArgumentException("parent key range: " + fromKey + ".." + toKey
          + " (expected: 1 <= from <= to + 1)");
    }
    List<Long> keys = new ArrayList<>();
    for (long parent = fromKey; parent <= toKey; parent++) {
      int count = histogram.countFor(seed, parent);
      for (int i = 0; i < count; i++) {
        keys.add(parent);
      }
    }
    return keys;
  }

  /** Total child rows for parents {@code fromKey..toKey}: the row offset a later partition starts at. */
  public long rowCount(long fromKey, long toKey) {
    long total = 0;
    for (long parent = fromKey; parent <= toKey; parent++) {
      total += histogram.countFor(seed, parent);
    }
    return total;
  }
}
