package io.surrogate.synth.sample;

import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.pii.PiiFaker;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Serves a synthetic table as fixed-size partitions. Row r belongs to block r / {@link #BLOCK}, and
 * block b is drawn from its own stream {@code Seeds.stream(seed, b)}, so row r is the same whichever
 * machine, thread, order or partition size produces it; a partition size that is a multiple of the
 * block size draws no row twice. Key columns are numbered by global row index and PII columns are faked
 * from that index, so both are consistent across partitions.
 */
public final class PartitionedSampler {
  /** Rows per random stream; a partition is any run of rows, drawn block by block. */
  public static final int BLOCK = 1024;
  private final TableModel model;
  private final long seed;
  private final long rowCount;
  private final int partitionSize;

  /**
   * @param model fitted model
   * @param seed serving seed
   * @param rowCount rows the synthetic table serves
   * @param partitionSize rows per partition (the last may be shorter)
   */
  public PartitionedSampler(TableModel model, long seed, long rowCount, int partitionSize) {
    this.model = Objects.requireNonNull(model, "model");
    if (rowCount < 0) {
      throw new IllegalArgumentException("rowCount: " + rowCount + " (expected: >= 0)");
    }
    if (partitionSize <= 0) {
      throw new IllegalArgumentException("partitionSize: " + partitionSize + " (expected: > 0)");
    }
    this.seed = seed;
    this.rowCount = rowCount;
    this.partitionSize = partitionSize;
  }

  public long rowCount() {
    return rowCount;
  }

  public int partitionSize() {
    return partitionSize;
  }

  public int partitionCount() {
    return (int) ((rowCount + partitionSize - 1) / partitionSize);
  }

  /** Presets columns of a block of rows before the rest is drawn conditioned on them. */
  public interface Prefill {
    /** Which columns are preset (the model's spec width). */
    boolean[] given();

    /** Writes the preset columns of {@code block}, which holds rows {@code firstRow..} (0-based). */
    void fill(Object[][] block, long firstRow);
  }

  /** Draws partition {@code index}; calling it twice returns equal rows. */
  public Object[][] partition(int index) {
    return partition(index, null);
  }

  /** Draws partition {@code index} with {@code prefill}'s columns given (null: none); equal rows on every call. */
  public Object[][] partition(int index, Prefill prefill) {
    if (index < 0 || index >= partitionCount()) {
      throw new IndexOutOfBoundsException("partition " + index + " of " + partitionCount());
    }
    long first = (long) index * partitionSize;
    int size = (int) Math.min(partitionSize, rowCount - first);
    TableSpec spec = model.spec();
    Object[][] rows = new Object[size][];
    // Rows come from fixed blocks with one stream each, so the rows do not depend on the partition size.
    for (long block = first / BLOCK; block <= (first + size - 1) / BLOCK; block++) {
      long blockStart = block * BLOCK;
      Object[][] drawn = new Object[(int) Math.min(BLOCK, rowCount - blockStart)][spec.width()];
      if (prefill == null) {
        model.sample(Seeds.stream(seed, block), drawn);
      } else {
        prefill.fill(drawn, blockStart);
        model.sampleGiven(Seeds.stream(seed, block), drawn, prefill.given());
      }
      int from = (int) Math.max(0, first - blockStart);
      int to = (int) Math.min(drawn.length, first + size - blockStart);
      System.arraycopy(drawn, from, rows, (int) (blockStart + from - first), to - from);
    }
    for (int c = 0; c < spec.width(); c++) {
      ColumnSpec col = spec.column(c);
      switch (col.role()) {
        case KEY:
          for (int i = 0; i < size; i++) {
            rows[i][c] = keyValue(col, first + i + 1);
          }
          break;
        case PII:
          for (int i = 0; i < size; i++) {
            rows[i][c] = PiiFaker.value(col.pii(), seed, col.name(), first + i + 1);
          }
          break;
        default:
          break;
      }
    }
    return rows;
  }

  /** The n-th synthetic key (1-based) in the column's own type. */
  public static Object keyValue(ColumnSpec col, long n) {
    switch (col.kind()) {
      case INTEGER:
        return n;
      case DECIMAL:
        return BigDecimal.valueOf(n).setScale(col.scale());
      case FLOAT:
        return (double) n;
      case DATE:
        return LocalDate.ofEpochDay(n);
      case TIMESTAMP:
        return LocalDateTime.of(1970, 1, 1, 0, 0).plusSeconds(n);
      case BOOLEAN:
        return n % 2 == 1;
      default:
        return "k" + n;
    }
  }
}
