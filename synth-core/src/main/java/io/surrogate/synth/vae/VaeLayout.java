package io.surrogate.synth.vae;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * How modelled columns map to the network's vector: categorical (and boolean) columns one-hot with NULL as
 * its own category, numeric columns as one value scaled from public or DP-released bounds to [−1, 1] plus a
 * two-way present/NULL block when nullable.
 */
public final class VaeLayout {
  /** Standard deviation of the Gaussian output of a numeric value, in scaled units. */
  static final double NUMERIC_SIGMA = 0.1;

  /**
   * One modelled column's slice of the vector.
   *
   * @param column index of the column in the table
   * @param categories categories (a null entry stands for NULL), or null for a numeric column
   * @param lower lower bound in units (numeric only)
   * @param upper upper bound in units (numeric only)
   * @param nullable whether a numeric block carries a NULL indicator
   */
  public record Block(int column, List<String> categories, double lower, double upper, boolean nullable) {
    /** Whether the block is a one-hot category block. */
    public boolean categorical() {
      return categories != null;
    }

    /** Entries of the vector this block takes. */
    public int width() {
      return categorical() ? categories.size() : nullable ? 3 : 1;
    }
  }

  private final TableSpec spec;
  private final List<Block> blocks;
  private final int[] offsets;
  private final int width;

  /** A layout over {@code blocks} of columns of {@code spec}. */
  public VaeLayout(TableSpec spec, List<Block> blocks) {
    this.spec = spec;
    this.blocks = List.copyOf(blocks);
    this.offsets = new int[blocks.size()];
    int w = 0;
    for (int b = 0; b < blocks.size(); b++) {
      offsets[b] = w;
      w += blocks.get(b).width();
    }
    this.width = w;
  }

  /** The table. */
  public TableSpec spec() {
    return spec;
  }

  /** The blocks in column order. */
  public List<Block> blocks() {
    return blocks;
  }

  /** Width of the encoded vector. */
  public int width() {
    return width;
  }

  /** Start of block b in the vector. */
  int offset(int b) {
    return offsets[b];
  }

  /** Encodes one table row into {@code out} (length {@link #width()}). */
  public void encode(Object[] row, double[] out) {
    java.util.Arrays.fill(out, 0);
    for (int b = 0; b < blocks.size(); b++) {
      Block block = blocks.get(b);
      Object value = row[block.column()];
      int at = offsets[b];
      if (block.categorical()) {
        String key = value == null ? null : value.toString();
        int k = block.categories().indexOf(key);
        if (k >= 0) {
          out[at + k] = 1;
        }
        // a category the released domain dropped stays all-zero: it contributes no target
      } else if (value == null) {
        out[at + 2] = 1;
      } else {
        double u = units(spec.column(block.column()), value);
        double span = block.upper() - block.lower();
        double scaled = span == 0 ? 0 : 2 * (u - block.lower()) / span - 1;
        out[at] = Math.max(-1, Math.min(1, scaled));
        if (block.nullable()) {
          out[at + 1] = 1;
        }
      }
    }
  }

  /** A numeric value in units (decimals in units of their last digit, dates in days, timestamps in seconds). */
  static double units(ColumnSpec col, Object value) {
    if (value instanceof Long) {
      return (Long) value;
    } else if (value instanceof Double) {
      return (Double) value;
    } else if (value instanceof BigDecimal) {
      return ((BigDecimal) value).movePointRight(col.scale()).doubleValue();
    } else if (value instanceof LocalDate) {
      return ((LocalDate) value).toEpochDay();
    } else if (value instanceof LocalDateTime) {
      return ((LocalDateTime) value).toEpochSecond(ZoneOffset.UTC);
    }
    throw new IllegalArgumentException("column " + col.name() + ": " + value.getClass().getSimpleName()
        + " value (expected: " + col.kind().javaType().getSimpleName() + ")");
  }

  /** Public bounds of a numeric column in units (decimal bounds are natural values). */
  static double[] publicBounds(ColumnSpec col) {
    double per = col.kind() == ColumnKind.DECIMAL ? Math.pow(10, col.scale()) : 1;
    return new double[] {col.lower() * per, col.upper() * per};
  }

  /** Categories of a boolean column, in a fixed public order. */
  static List<String> booleanCategories(boolean nullable) {
    List<String> out = new ArrayList<>(List.of("false", "true"));
    if (nullable) {
      out.add(null);
    }
    return out;
  }
}
