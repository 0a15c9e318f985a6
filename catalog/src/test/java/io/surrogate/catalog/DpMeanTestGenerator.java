package io.surrogate.catalog;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.FitOptions;
import io.surrogate.synth.FitResult;
import io.surrogate.synth.Generator;
import io.surrogate.synth.PrivacyCost;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.io.TableSpecCodec;
import io.surrogate.synth.dp.DiscreteLaplace;
import io.surrogate.synth.dp.NoiseSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * TEST-ONLY generator for trainer plumbing tests (registered as {@code test-dp-mean} in test resources):
 * releases a Laplace-noised row count and, for each bounded INTEGER/FLOAT column, a Laplace-noised
 * clamped mean; samples each such column as its noisy mean. It is real ε-DP but a useless synthesizer.
 */
public final class DpMeanTestGenerator implements Generator {
  static final String NAME = "test-dp-mean";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FitResult fit(TableData data, FitOptions options) {
    TableSpec spec = data.spec();
    double epsilon = options.budget().epsilon();
    List<Integer> cols = new ArrayList<>();
    for (int c = 0; c < spec.width(); c++) {
      ColumnSpec col = spec.column(c);
      if (col.isModelled() && col.hasBounds() && (col.kind() == ColumnKind.INTEGER || col.kind() == ColumnKind.FLOAT)) {
        cols.add(c);
      }
    }
    NoiseSource noise = options.noise();
    double share = epsilon / (1 + cols.size());
    List<String> releases = new ArrayList<>();
    double count = Math.max(1, DiscreteLaplace.release(data.rowCount(), 1, share, noise));
    releases.add(String.format(Locale.ROOT, "row count: discrete Laplace(1/%.4g)", share));
    double[] means = new double[spec.width()];
    for (int k = 0; k < cols.size(); k++) {
      int c = cols.get(k);
      ColumnSpec col = spec.column(c);
      double sum = 0;
      for (Object[] row : data.rows()) {
        if (row[c] != null) {
          sum += Math.max(col.lower(), Math.min(col.upper(), ((Number) row[c]).doubleValue()));
        }
      }
      double sensitivity = Math.max(1e-9, Math.max(Math.abs(col.lower()), Math.abs(col.upper())));
      double noisySum = DiscreteLaplace.release(Math.round(sum), sensitivity, share, noise);
      means[c] = Math.max(col.lower(), Math.min(col.upper(), noisySum / count));
      releases.add(String.format(Locale.ROOT, "sum of %s: discrete Laplace(%.4g/%.4g), rounded", col.name(), sensitivity, share));
      options.progress().accept((k + 1.0) / cols.size());
    }
    Model model = new Model(spec, Math.round(count), means, cols);
    double rho = Double.isInfinite(epsilon) ? Double.POSITIVE_INFINITY : DiscreteLaplace.rho(share) * (1 + cols.size());
    return new FitResult(model, new PrivacyCost(epsilon, 0, rho, releases));
  }

  @Override
  public TableModel read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      TableSpec spec = TableSpecCodec.read(in);
      int width = spec.width();
      long rows = in.readLong();
      double[] means = new double[width];
      List<Integer> cols = new ArrayList<>();
      int n = in.readInt();
      for (int k = 0; k < n; k++) {
        int c = in.readInt();
        cols.add(c);
        means[c] = in.readDouble();
      }
      return new Model(spec, rows, means, cols);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Model implements TableModel {
    private final TableSpec spec;
    private final long rows;
    private final double[] means;
    private final List<Integer> cols;

    Model(TableSpec spec, long rows, double[] means, List<Integer> cols) {
      this.spec = spec;
      this.rows = rows;
      this.means = means;
      this.cols = List.copyOf(cols);
    }

    @Override
    public TableSpec spec() {
      return spec;
    }

    @Override
    public String generator() {
      return NAME;
    }

    @Override
    public long noisyRowCount() {
      return rows;
    }

    @Override
    public void sample(RandomGenerator random, Object[][] out) {
      for (Object[] row : out) {
        Arrays.fill(row, null);
        for (int c : cols) {
          row[c] = spec.column(c).kind() == ColumnKind.INTEGER ? (Object) Math.round(means[c]) : (Object) means[c];
        }
      }
    }

    /** The released mean of a column, for tests. */
    double mean(String column) {
      return means[spec.indexOf(column)];
    }

    @Override
    public byte[] toBytes() {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(buf)) {
        TableSpecCodec.write(out, spec);
        out.writeLong(rows);
        out.writeInt(cols.size());
        for (int c : cols) {
          out.writeInt(c);
          out.writeDouble(means[c]);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return buf.toByteArray();
    }
  }

  /** The released mean of {@code column} in a model this generator fitted. */
  static double meanOf(TableModel model, String column) {
    return ((Model) model).mean(column);
  }
}
