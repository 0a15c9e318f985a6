package io.surrogate.synth.vae;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Turns decoder outputs (logits and means) into table values for {@link VaeModel}'s sampler, with
 * everything that depends only on the layout (category values, bounds, column kinds) resolved once instead
 * of per row, and each softmax's exponentials computed once per row instead of twice.
 */
final class OutputDecoder {
  private static final int CATEGORY = 0;
  private static final int INTEGER = 1;
  private static final int DECIMAL = 2;
  private static final int DATE = 3;
  private static final int TIMESTAMP = 4;
  private static final int REAL = 5;

  private final int[] kind;
  private final int[] column;
  private final int[] offset;
  private final int[] width;
  private final boolean[] nullable;
  private final VaeLayout.Block[] numeric;
  private final int[] scale;
  private final Object[][] values;
  private final int maxCategories;
  private final double numericSigma;

  OutputDecoder(VaeLayout layout, double numericSigma) {
    this.numericSigma = numericSigma;
    List<VaeLayout.Block> blocks = layout.blocks();
    int n = blocks.size();
    kind = new int[n];
    column = new int[n];
    offset = new int[n];
    width = new int[n];
    nullable = new boolean[n];
    numeric = new VaeLayout.Block[n];
    scale = new int[n];
    values = new Object[n][];
    int widest = 2;
    for (int b = 0; b < n; b++) {
      VaeLayout.Block block = blocks.get(b);
      ColumnSpec col = layout.spec().column(block.column());
      column[b] = block.column();
      offset[b] = layout.offset(b);
      width[b] = block.width();
      if (block.categorical()) {
        kind[b] = CATEGORY;
        values[b] = new Object[block.categories().size()];
        for (int k = 0; k < values[b].length; k++) {
          String category = block.categories().get(k);
          values[b][k] = category == null ? null
              : col.kind() == ColumnKind.BOOLEAN ? Boolean.valueOf(category) : category;
        }
        widest = Math.max(widest, values[b].length);
      } else {
        kind[b] = numericKind(col.kind());
        nullable[b] = block.nullable();
        numeric[b] = block;
        scale[b] = col.kind() == ColumnKind.DECIMAL ? col.scale() : 0;
      }
    }
    maxCategories = widest;
  }

  private static int numericKind(ColumnKind kind) {
    switch (kind) {
      case INTEGER:
        return INTEGER;
      case DECIMAL:
        return DECIMAL;
      case DATE:
        return DATE;
      case TIMESTAMP:
        return TIMESTAMP;
      default:
        return REAL;
    }
  }

  /** Length of the scratch array {@link #decode} needs. */
  int scratchLength() {
    return maxCategories;
  }

  /**
   * Decodes the network output into {@code row} (modelled columns only), drawing from {@code random} in
   * block order: a uniform per category block, a Gaussian and (when nullable) a uniform per numeric block.
   * The float outputs widen exactly to double, in which the softmax and the numeric noise are computed.
   */
  void decode(float[] output, RandomGenerator random, double[] scratch, Object[] row) {
    for (int b = 0; b < kind.length; b++) {
      int o = offset[b];
      if (kind[b] == CATEGORY) {
        row[column[b]] = values[b][pick(output, o, width[b], random.nextDouble(), scratch)];
      } else {
        double scaled = output[o] + numericSigma * random.nextGaussian();
        boolean isNull = nullable[b] && pick(output, o + 1, 2, random.nextDouble(), scratch) == 1;
        row[column[b]] = isNull ? null : value(b, scaled);
      }
    }
  }

  /** The index the uniform {@code uniform} selects from the softmax of {@code output[at .. at+n)}. */
  private static int pick(float[] output, int at, int n, double uniform, double[] exps) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, output[at + i]);
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      double e = Math.exp(output[at + i] - max);
      exps[i] = e;
      total += e;
    }
    double u = uniform * total;
    for (int i = 0; i < n - 1; i++) {
      u -= exps[i];
      if (u < 0) {
        return i;
      }
    }
    return n - 1;
  }

  private Object value(int b, double scaled) {
    double units = numeric[b].unscale(scaled);
    switch (kind[b]) {
      case INTEGER:
        return Math.round(units);
      case DECIMAL:
        return BigDecimal.valueOf(Math.round(units), scale[b]);
      case DATE:
        return LocalDate.ofEpochDay(Math.round(units));
      case TIMESTAMP:
        return LocalDateTime.ofEpochSecond(Math.round(units), 0, ZoneOffset.UTC);
      default:
        return units;
    }
  }
}
