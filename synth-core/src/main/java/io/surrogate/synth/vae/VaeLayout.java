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
 * its own category, numeric columns as one value in [−1, 1] plus a two-way present/NULL block when
 * nullable. A numeric value is placed by its released CDF when the block has one (a quantile transform:
 * skewed columns such as counts spread evenly over [−1, 1], so the fixed-σ Gaussian output blurs every part
 * of the distribution alike), else linearly between its public or DP-released bounds.
 */
public final class VaeLayout {
  /**
   * Standard deviation of the Gaussian output of a numeric value, in scaled units, for models trained now
   * (it is stored with each model). On hour.csv with the CDF placement, 0.15 and 0.2 scored alike at
   * ε = ∞ (0.9405, 0.9397) and 0.2 slightly better at ε = 3 (0.911 against 0.908); 0.1 scored 0.9387 and
   * 0.894, 0.05 clearly worse (0.915, 0.844).
   */
  static final double NUMERIC_SIGMA = 0.15;
  /** The σ of models written before it was stored (model format 1). */
  static final double FORMAT_1_SIGMA = 0.1;

  /**
   * One modelled column's slice of the vector.
   *
   * @param column index of the column in the table
   * @param categories categories (a null entry stands for NULL), or null for a numeric column
   * @param lower lower bound in units (numeric only)
   * @param upper upper bound in units (numeric only)
   * @param nullable whether a numeric block carries a NULL indicator
   * @param cdf CDF at the edges of equal-width bins over [lower, upper] (0 first, 1 last, increasing), from a
   *     DP-released or (ε = ∞) exact histogram; null for linear scaling
   */
  public record Block(int column, List<String> categories, double lower, double upper, boolean nullable,
      double[] cdf) {
    /** Validates the CDF. */
    public Block {
      if (cdf != null) {
        cdf = cdf.clone();
        if (cdf.length < 2 || cdf[0] != 0 || cdf[cdf.length - 1] != 1) {
          throw new IllegalArgumentException("column " + column + ": CDF of " + cdf.length
              + " knots (expected: at least 2, from 0 to 1)");
        }
        for (int k = 1; k < cdf.length; k++) {
          if (!(cdf[k] > cdf[k - 1])) {
            throw new IllegalArgumentException("column " + column + ": CDF knot " + k + " = " + cdf[k]
                + " (expected: > " + cdf[k - 1] + ")");
          }
        }
      }
    }

    /** A block without a CDF (categorical, or numeric scaled linearly). */
    public Block(int column, List<String> categories, double lower, double upper, boolean nullable) {
      this(column, categories, lower, upper, nullable, null);
    }

    /** The CDF knots (a copy), or null. */
    @Override
    public double[] cdf() {
      return cdf == null ? null : cdf.clone();
    }

    /** A numeric value in units mapped to [−1, 1]. */
    double scale(double units) {
      double span = upper - lower;
      if (span == 0) {
        return 0;
      }
      if (cdf == null) {
        return Math.max(-1, Math.min(1, 2 * (units - lower) / span - 1));
      }
      int bins = cdf.length - 1;
      double x = Math.max(0, Math.min(1, (units - lower) / span)) * bins;
      int k = Math.min(bins - 1, (int) x);
      return 2 * (cdf[k] + (x - k) * (cdf[k + 1] - cdf[k])) - 1;
    }

    /** The value in units at a point of [−1, 1] (clamped): the inverse of {@link #scale}. */
    double unscale(double scaled) {
      double s = Math.max(-1, Math.min(1, scaled));
      if (cdf == null) {
        return lower + (s + 1) / 2 * (upper - lower);
      }
      double p = (s + 1) / 2;
      int lo = 0;
      int hi = cdf.length - 2;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (cdf[mid] <= p) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      double within = Math.min(1, (p - cdf[lo]) / (cdf[lo + 1] - cdf[lo]));
      return lower + (lo + within) / (cdf.length - 1) * (upper - lower);
    }

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
        out[at] = block.scale(units(spec.column(block.column()), value));
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
