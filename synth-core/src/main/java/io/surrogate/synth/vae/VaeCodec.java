package io.surrogate.synth.vae;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.pii.PiiKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The versioned binary format of {@link VaeModel}: spec, layout, then decoder weights as floats. */
final class VaeCodec {
  static final int MAGIC = 0x53475641;
  static final int VERSION = 1;

  private VaeCodec() {
  }

  static byte[] write(VaeModel model) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      writeSpec(out, model.spec());
      out.writeLong(model.noisyRowCount());
      List<VaeLayout.Block> blocks = model.layout().blocks();
      out.writeInt(blocks.size());
      for (VaeLayout.Block b : blocks) {
        out.writeInt(b.column());
        out.writeBoolean(b.categorical());
        if (b.categorical()) {
          writeStrings(out, b.categories());
        } else {
          out.writeDouble(b.lower());
          out.writeDouble(b.upper());
          out.writeBoolean(b.nullable());
        }
      }
      out.writeInt(model.latentDim());
      out.writeInt(model.weights().length);
      for (int l = 0; l < model.weights().length; l++) {
        writeFloats(out, model.weights()[l]);
        writeFloats(out, model.biases()[l]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static VaeModel read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "vae model: magic 0x%08x (expected: 0x%08x)", magic, MAGIC));
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException("vae model: version " + version + " (expected: " + VERSION + ")");
      }
      TableSpec spec = readSpec(in);
      long rows = in.readLong();
      int nBlocks = in.readInt();
      List<VaeLayout.Block> blocks = new ArrayList<>();
      for (int b = 0; b < nBlocks; b++) {
        int column = in.readInt();
        if (in.readBoolean()) {
          blocks.add(new VaeLayout.Block(column, readStrings(in), 0, 0, false));
        } else {
          blocks.add(new VaeLayout.Block(column, null, in.readDouble(), in.readDouble(), in.readBoolean()));
        }
      }
      int latent = in.readInt();
      int layers = in.readInt();
      float[][] w = new float[layers][];
      float[][] bias = new float[layers][];
      for (int l = 0; l < layers; l++) {
        w[l] = readFloats(in);
        bias[l] = readFloats(in);
      }
      return new VaeModel(new VaeLayout(spec, blocks), rows, latent, w, bias);
    } catch (IOException e) {
      throw new IllegalArgumentException("vae model: truncated or corrupt (" + e.getMessage() + ")", e);
    }
  }

  private static void writeSpec(DataOutputStream out, TableSpec spec) throws IOException {
    out.writeUTF(spec.name());
    out.writeInt(spec.columns().size());
    for (ColumnSpec c : spec.columns()) {
      out.writeUTF(c.name());
      out.writeUTF(c.kind().name());
      out.writeBoolean(c.nullable());
      out.writeInt(c.scale());
      out.writeUTF(c.role().name());
      out.writeUTF(c.pii() == null ? "" : c.pii().name());
      out.writeBoolean(c.lower() != null);
      if (c.lower() != null) {
        out.writeDouble(c.lower());
        out.writeDouble(c.upper());
      }
      out.writeBoolean(c.domain() != null);
      if (c.domain() != null) {
        writeStrings(out, c.domain());
      }
    }
  }

  private static TableSpec readSpec(DataInputStream in) throws IOException {
    String name = in.readUTF();
    int n = in.readInt();
    List<ColumnSpec> cols = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String col = in.readUTF();
      ColumnKind kind = ColumnKind.valueOf(in.readUTF());
      boolean nullable = in.readBoolean();
      int scale = in.readInt();
      ColumnRole role = ColumnRole.valueOf(in.readUTF());
      String pii = in.readUTF();
      Double lo = null;
      Double hi = null;
      if (in.readBoolean()) {
        lo = in.readDouble();
        hi = in.readDouble();
      }
      List<String> domain = in.readBoolean() ? readStrings(in) : null;
      cols.add(new ColumnSpec(col, kind, nullable, scale, role, pii.isEmpty() ? null : PiiKind.valueOf(pii), lo, hi,
          domain));
    }
    return new TableSpec(name, cols);
  }

  private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      out.writeBoolean(v != null);
      if (v != null) {
        out.writeUTF(v);
      }
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.readBoolean() ? in.readUTF() : null);
    }
    return out;
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    int n = in.readInt();
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.readFloat();
    }
    return out;
  }
}
