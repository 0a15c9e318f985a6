package io.surrogate.synth.vae;

import io.surrogate.synth.io.TableSpecCodec;
import io.surrogate.synth.TableSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned binary format of {@link VaeModel}: spec, layout, then decoder weights as floats. Version 2
 * adds each numeric block's CDF knots and the numeric output σ; version 1 models (linear scaling, σ 0.1)
 * still read.
 */
final class VaeCodec {
  static final int MAGIC = 0x53475641;
  static final int VERSION = 2;

  private VaeCodec() {
  }

  static byte[] write(VaeModel model) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      TableSpecCodec.write(out, model.spec());
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
          double[] cdf = b.cdf();
          out.writeInt(cdf == null ? 0 : cdf.length);
          for (double c : cdf == null ? new double[0] : cdf) {
            out.writeDouble(c);
          }
        }
      }
      out.writeInt(model.latentDim());
      out.writeDouble(model.numericSigma());
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
      if (version != 1 && version != VERSION) {
        throw new IllegalArgumentException("vae model: version " + version + " (expected: 1 or " + VERSION + ")");
      }
      TableSpec spec = TableSpecCodec.read(in);
      long rows = in.readLong();
      int nBlocks = in.readInt();
      List<VaeLayout.Block> blocks = new ArrayList<>();
      for (int b = 0; b < nBlocks; b++) {
        int column = in.readInt();
        if (in.readBoolean()) {
          blocks.add(new VaeLayout.Block(column, readStrings(in), 0, 0, false));
        } else {
          double lower = in.readDouble();
          double upper = in.readDouble();
          boolean nullable = in.readBoolean();
          double[] cdf = null;
          int knots = version == 1 ? 0 : in.readInt();
          if (knots < 0 || knots > 1 << 20) {
            throw new IllegalArgumentException("vae model: " + knots + " CDF knots (expected: 0 to 2^20)");
          }
          if (knots > 0) {
            cdf = new double[knots];
            for (int k = 0; k < knots; k++) {
              cdf[k] = in.readDouble();
            }
          }
          blocks.add(new VaeLayout.Block(column, null, lower, upper, nullable, cdf));
        }
      }
      int latent = in.readInt();
      double sigma = version == 1 ? VaeLayout.FORMAT_1_SIGMA : in.readDouble();
      int layers = in.readInt();
      float[][] w = new float[layers][];
      float[][] bias = new float[layers][];
      for (int l = 0; l < layers; l++) {
        w[l] = readFloats(in);
        bias[l] = readFloats(in);
      }
      return new VaeModel(new VaeLayout(spec, blocks), rows, latent, w, bias, sigma);
    } catch (IOException e) {
      throw new IllegalArgumentException("vae model: truncated or corrupt (" + e.getMessage() + ")", e);
    }
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
