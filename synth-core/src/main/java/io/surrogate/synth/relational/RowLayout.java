package io.surrogate.synth.relational;

import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.sample.PartitionedSampler;
import io.surrogate.synth.sample.Seeds;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Serves the foreign-key columns of one synthetic table: row g (0-based) belongs to the driving parent whose
 * range of rows holds it, every other link draws from a stream of (seed, column, g), so any run of rows is
 * filled alone and identically whatever the partitioning. Keys always name existing parent rows: synthetic
 * parents are numbered 1..n exactly as their own key column is, real parents' keys are the public list training
 * stored.
 *
 * <p>With a driving link, parent p has {@code countFor(seed, p)} children (the DP cardinality histogram), so the
 * table's row count is their sum and children of one parent are consecutive rows.
 */
public final class RowLayout {
  private final TableSpec spec;
  private final long seed;
  private final Link[] links;
  private final Link driving;
  /** cumulative[p] = rows of parents 1..p; null without a driving link. */
  private final long[] cumulative;
  private final long rowCount;

  private RowLayout(TableSpec spec, long seed, Link[] links, Link driving, long[] cumulative, long rowCount) {
    this.spec = spec;
    this.seed = seed;
    this.links = links;
    this.driving = driving;
    this.cumulative = cumulative;
    this.rowCount = rowCount;
  }

  /**
   * Lays out {@code spec}'s rows.
   *
   * @param parentRows rows each synthetic parent serves (by table name as the model names it)
   * @param undrivenRows the row count when no link drives (the model's own count)
   */
  public static RowLayout of(TableSpec spec, RelationalModel model, long seed, ToLongFunction<String> parentRows,
      long undrivenRows) {
    Link[] links = new Link[model.links().size()];
    Link driving = null;
    for (int i = 0; i < links.length; i++) {
      LinkModel m = model.links().get(i);
      int column = spec.indexOf(m.column());
      if (column < 0) {
        throw new IllegalArgumentException("link column " + m.column() + " is not a column of " + spec.name());
      }
      long parents = m.realParent() ? m.realKeys().size()
          : m.kind() == LinkModel.Kind.SELF ? 0 : Math.max(0, parentRows.applyAsLong(m.parentTable()));
      links[i] = new Link(m, spec.column(column), column, parents, seed);
      if (m.kind() == LinkModel.Kind.DRIVING) {
        driving = links[i];
      }
    }
    if (driving == null) {
      return new RowLayout(spec, seed, links, null, null, undrivenRows);
    }
    long distinctLimit = Long.MAX_VALUE;
    for (Link l : links) {
      if (l.model.distinctPerParent() && l.model.kind() == LinkModel.Kind.CHOICE) {
        distinctLimit = Math.min(distinctLimit, l.parents);
      }
    }
    if (driving.parents > Integer.MAX_VALUE - 1) {
      throw new IllegalArgumentException("parent " + driving.model.parentTable() + ": " + driving.parents
          + " rows (expected: at most " + (Integer.MAX_VALUE - 1) + ")");
    }
    CardinalityHistogram histogram = CardinalityHistogram.of(driving.model.weights());
    long[] cumulative = new long[(int) driving.parents + 1];
    for (int p = 1; p < cumulative.length; p++) {
      cumulative[p] = cumulative[p - 1] + Math.min(histogram.countFor(seed, p), distinctLimit);
    }
    return new RowLayout(spec, seed, links, driving, cumulative, cumulative[cumulative.length - 1]);
  }

  /** Rows the table serves. */
  public long rowCount() {
    return rowCount;
  }

  /** Children of driving parent {@code p} (1-based), for cardinality checks; 0 without a driving link. */
  public long childrenOf(long p) {
    if (cumulative == null || p < 1 || p >= cumulative.length) {
      return 0;
    }
    return cumulative[(int) p] - cumulative[(int) p - 1];
  }

  /** The driving parent number (1-based) of each of rows {@code firstRow..firstRow+n-1}; zeros without one. */
  public long[] drivingParents(long firstRow, int n) {
    long[] out = new long[n];
    if (cumulative == null || n == 0) {
      return out;
    }
    int p = parentOf(firstRow);
    for (int i = 0; i < n; i++) {
      while (p < cumulative.length - 1 && firstRow + i >= cumulative[p]) {
        p++;
      }
      out[i] = p;
    }
    return out;
  }

  /** Fills the link columns of {@code rows}, which hold rows {@code firstRow..} (0-based) of the table. */
  public void fill(Object[][] rows, long firstRow) {
    if (rows.length == 0) {
      return;
    }
    int p = cumulative == null ? 0 : parentOf(firstRow);
    for (int i = 0; i < rows.length; i++) {
      long g = firstRow + i;
      long ordinal = 0;
      if (cumulative != null) {
        while (g >= cumulative[p]) {
          p++;
        }
        ordinal = g - cumulative[p - 1];
      }
      for (Link l : links) {
        rows[i][l.column] = l == driving ? l.parentKey(p) : l.value(g, p, ordinal);
      }
    }
  }

  /** The 1-based driving parent of row g: the first p with cumulative[p] > g. */
  private int parentOf(long g) {
    int lo = 1;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > g) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  @Override
  public String toString() {
    return "RowLayout[" + spec.name() + ", rows=" + rowCount + ", seed=" + seed + "]";
  }

  /** One link prepared for serving. */
  private static final class Link {
    final LinkModel model;
    final ColumnSpec col;
    final int column;
    final long parents;
    final Object[] realKeys;
    final double[] cumulativeWeights;
    final long rowStreams;
    final long nullStreams;
    final long distinctStreams;
    final SelfReference self;

    Link(LinkModel model, ColumnSpec col, int column, long parents, long seed) {
      this.model = model;
      this.col = col;
      this.column = column;
      this.parents = parents;
      this.realKeys = model.realParent() ? convert(model.realKeys(), col) : null;
      this.cumulativeWeights = cumulative(model.weights(), model.realParent() ? model.realKeys().size() : 0);
      String name = model.column().toLowerCase(Locale.ROOT);
      this.rowStreams = Seeds.purpose(seed, "fk-row:" + name);
      this.nullStreams = Seeds.purpose(seed, "fk-null:" + name);
      this.distinctStreams = Seeds.purpose(seed, "fk-distinct:" + name);
      this.self = model.kind() == LinkModel.Kind.SELF ? SelfReference.ofRate(model.nullRate()) : null;
    }

    /** The key of parent number p (1-based). */
    Object parentKey(long p) {
      return realKeys != null ? realKeys[(int) (p - 1)] : PartitionedSampler.keyValue(col, p);
    }

    Object value(long g, int drivingParent, long ordinal) {
      if (self != null) {
        Long ref = self.referenceFor(rowStreams, g + 1);
        return ref == null ? null : PartitionedSampler.keyValue(col, ref);
      }
      if (model.nullRate() > 0 && Seeds.uniform(nullStreams, g) < model.nullRate()) {
        return null;
      }
      if (parents == 0) {
        return null;
      }
      if (model.distinctPerParent() && drivingParent > 0) {
        // Parent's children walk the keys from a weighted start with a stride coprime to n: no key twice.
        long start = draw(Seeds.uniform(distinctStreams, 2L * drivingParent));
        long stride = coprimeStride(1 + (long) (Seeds.uniform(distinctStreams, 2L * drivingParent + 1) * parents),
            parents);
        return parentKey(1 + Math.floorMod(start - 1 + ordinal * stride, parents));
      }
      return parentKey(draw(Seeds.uniform(rowStreams, g)));
    }

    /** A 1-based parent number drawn from the DP weights (real parents) or uniformly (synthetic ones). */
    private long draw(double u) {
      if (cumulativeWeights == null) {
        return 1 + Math.min(parents - 1, (long) (u * parents));
      }
      int lo = 0;
      int hi = cumulativeWeights.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (u < cumulativeWeights[mid]) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo + 1;
    }

    private static long coprimeStride(long candidate, long n) {
      long s = candidate;
      while (gcd(s, n) != 1) {
        s = s % n + 1;
      }
      return s;
    }

    private static long gcd(long a, long b) {
      return b == 0 ? a : gcd(b, a % b);
    }

    /** Cumulative shares of DP weights over real keys; null (uniform) when there are none or all are zero. */
    private static double[] cumulative(double[] weights, int keys) {
      if (keys == 0 || weights.length != keys) {
        return null;
      }
      double total = 0;
      for (double w : weights) {
        total += w;
      }
      if (!(total > 0)) {
        return null;
      }
      double[] c = new double[weights.length];
      double running = 0;
      for (int i = 0; i < weights.length; i++) {
        running += weights[i] / total;
        c[i] = running;
      }
      c[c.length - 1] = 1.0;
      return c;
    }

    private static Object[] convert(List<String> keys, ColumnSpec col) {
      Object[] out = new Object[keys.size()];
      for (int i = 0; i < out.length; i++) {
        String k = keys.get(i);
        out[i] = switch (col.kind()) {
          case INTEGER -> Long.parseLong(k);
          case DECIMAL -> new BigDecimal(k).setScale(col.scale());
          case FLOAT -> Double.parseDouble(k);
          case BOOLEAN -> Boolean.parseBoolean(k);
          case DATE -> LocalDate.parse(k);
          case TIMESTAMP -> LocalDateTime.parse(k);
          default -> k;
        };
      }
      return out;
    }
  }
}
