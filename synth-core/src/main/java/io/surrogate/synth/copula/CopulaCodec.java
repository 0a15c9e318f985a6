package io.surrogate.synth.copula;

import io.surrogate.synth.io.TableSpecCodec;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The versioned binary form of a {@link CopulaModel}: magic {@code SGCP}, format version, the table
 * spec, the noisy row count, each marginal's cells and cumulative table, and the correlation matrix.
 * Plain {@link DataOutputStream} fields, never Java serialization, so reading cannot run foreign code.
 */
final class CopulaCodec {
  static final int MAGIC = 0x53474350;
  static final int VERSION = 1;

  private CopulaCodec() {
  }

  static byte[] write(CopulaModel model) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeShort(VERSION);
      TableSpecCodec.write(out, model.spec());
      out.writeLong(model.noisyRowCount());
      int d = model.columns().length;
      out.writeInt(d);
      for (int k = 0; k < d; k++) {
        out.writeInt(model.columns()[k]);
        writeMarginal(out, model.marginals()[k]);
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < i; j++) {
          out.writeDouble(model.correlationMatrix()[i][j]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Restores a model.
   *
   * @throws IllegalArgumentException when the bytes are not a copula model of a known version
   */
  static CopulaModel read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new IllegalArgumentException(
            "copula model: magic 0x" + Integer.toHexString(magic) + " (expected: 0x"
                + Integer.toHexString(MAGIC) + ")");
      }
      int version = in.readShort();
      if (version != VERSION) {
        throw new IllegalArgumentException("copula model: format version " + version + " (expected: " + VERSION + ")");
      }
      TableSpec spec = TableSpecCodec.read(in);
      long rows = in.readLong();
      int d = in.readInt();
      if (d < 0 || d > spec.width()) {
        throw new IllegalArgumentException(
            "copula model: " + d + " modelled columns (expected: 0.." + spec.width() + ")");
      }
      int[] columns = new int[d];
      Marginal[] marginals = new Marginal[d];
      for (int k = 0; k < d; k++) {
        columns[k] = in.readInt();
        if (columns[k] < 0 || columns[k] >= spec.width()) {
          throw new IllegalArgumentException("copula model: column index " + columns[k] + " out of range");
        }
        marginals[k] = readMarginal(in, spec.column(columns[k]));
      }
      double[][] corr = CorrelationFitter.identity(d);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < i; j++) {
          corr[i][j] = in.readDouble();
          corr[j][i] = corr[i][j];
        }
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("copula model: trailing bytes after the model");
      }
      return new CopulaModel(spec, rows, columns, marginals, corr);
    } catch (IOException e) {
      throw new IllegalArgumentException("copula model: truncated or unreadable (" + e + ")", e);
    }
  }

  private static void writeMarginal(DataOutputStream out, Marginal m) throws IOException {
    Cells cells = m.cells;
    out.writeInt(cells.size());
    out.writeDouble(cells.minOut);
    out.writeDouble(cells.maxOut);
    for (int k = 0; k < cells.size(); k++) {
      out.writeByte(cells.type[k]);
      out.writeDouble(m.cum[k]);
      if (cells.type[k] == Cells.POINT) {
        writePoint(out, cells.point[k]);
      } else if (cells.type[k] == Cells.RANGE) {
        out.writeDouble(cells.lo[k]);
        out.writeDouble(cells.hi[k]);
      }
    }
  }

  private static Marginal readMarginal(DataInputStream in, ColumnSpec spec) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 10_000_000) {
      throw new IllegalArgumentException("copula model: column " + spec.name() + " has " + n + " cells");
    }
    double minOut = in.readDouble();
    double maxOut = in.readDouble();
    byte[] type = new byte[n];
    Object[] point = new Object[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    double[] cum = new double[n];
    for (int k = 0; k < n; k++) {
      type[k] = in.readByte();
      cum[k] = in.readDouble();
      if (type[k] == Cells.POINT) {
        point[k] = readPoint(in, spec);
      } else if (type[k] == Cells.RANGE) {
        lo[k] = in.readDouble();
        hi[k] = in.readDouble();
      } else if (type[k] != Cells.NULL) {
        throw new IllegalArgumentException("copula model: column " + spec.name() + " cell type " + type[k]);
      }
    }
    return new Marginal(new Cells(spec, type, point, lo, hi, minOut, maxOut), cum);
  }

  private static void writePoint(DataOutputStream out, Object v) throws IOException {
    if (v instanceof String) {
      out.writeUTF((String) v);
    } else if (v instanceof Boolean) {
      out.writeBoolean((Boolean) v);
    } else if (v instanceof Long) {
      out.writeLong((Long) v);
    } else if (v instanceof BigDecimal) {
      out.writeLong(((BigDecimal) v).unscaledValue().longValueExact());
    } else if (v instanceof LocalDate) {
      out.writeLong(((LocalDate) v).toEpochDay());
    } else if (v instanceof LocalDateTime) {
      out.writeLong(((LocalDateTime) v).toEpochSecond(ZoneOffset.UTC));
    } else {
      out.writeDouble((Double) v);
    }
  }

  private static Object readPoint(DataInputStream in, ColumnSpec spec) throws IOException {
    switch (spec.kind()) {
      case CATEGORICAL:
        return in.readUTF();
      case BOOLEAN:
        return in.readBoolean();
      case INTEGER:
        return in.readLong();
      case DECIMAL:
        return BigDecimal.valueOf(in.readLong(), spec.scale());
      case DATE:
        return LocalDate.ofEpochDay(in.readLong());
      case TIMESTAMP:
        return LocalDateTime.ofEpochSecond(in.readLong(), 0, ZoneOffset.UTC);
      default:
        return in.readDouble();
    }
  }
}
