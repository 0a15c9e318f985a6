package io.surrogate.synth.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.io.TableSpecCodec;
import io.surrogate.synth.sample.Seeds;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model format: version 2 round trips CDFs and σ; version 1 bytes (no CDF, σ 0.1) still read. */
class VaeCodecTest {

  @Test
  void version2RoundTripsCdfsAndSigma() {
    VaeModel plain = VaeModelSamplingTest.model(3);
    List<VaeLayout.Block> blocks = new ArrayList<>();
    for (VaeLayout.Block b : plain.layout().blocks()) {
      blocks.add(b.categorical() ? b
          : new VaeLayout.Block(b.column(), null, b.lower(), b.upper(), b.nullable(), new double[] {0, 0.7, 1}));
    }
    VaeModel model = new VaeModel(new VaeLayout(plain.spec(), blocks), 1000, plain.latentDim(), plain.weights(),
        plain.biases(), 0.25);
    VaeModel back = VaeCodec.read(VaeCodec.write(model));
    assertEquals(0.25, back.numericSigma());
    assertArrayEquals(new double[] {0, 0.7, 1}, back.layout().blocks().get(2).cdf());
    assertArrayEquals(VaeCodec.write(model), VaeCodec.write(back));
  }

  @Test
  void readsVersion1ModelsWithLinearScalingAndSigmaPointOne() throws IOException {
    VaeModel model = VaeModelSamplingTest.model(4);
    VaeModel back = VaeCodec.read(version1(model));
    assertEquals(VaeLayout.FORMAT_1_SIGMA, back.numericSigma());
    int n = 500;
    Object[][] read = new Object[n][model.spec().width()];
    back.sample(Seeds.stream(8, 0), read);
    Object[][] expected = new Object[n][model.spec().width()];
    VaeModelSamplingTest.referenceSample(new VaeModel(model.layout(), 1000, model.latentDim(), model.weights(),
        model.biases(), 0.1), Seeds.stream(8, 0), expected);
    for (int r = 0; r < n; r++) {
      assertArrayEquals(expected[r], read[r], "row " + r);
    }
  }

  @Test
  void refusesAnUnknownVersion() throws IOException {
    byte[] bytes = version1(VaeModelSamplingTest.model(5));
    bytes[7] = 9;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VaeCodec.read(bytes));
    assertTrue(e.getMessage().startsWith("vae model: version 9"), e.getMessage());
  }

  /** The bytes the version-1 writer produced. */
  static byte[] version1(VaeModel model) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(VaeCodec.MAGIC);
      out.writeInt(1);
      TableSpecCodec.write(out, model.spec());
      out.writeLong(model.noisyRowCount());
      out.writeInt(model.layout().blocks().size());
      for (VaeLayout.Block b : model.layout().blocks()) {
        out.writeInt(b.column());
        out.writeBoolean(b.categorical());
        if (b.categorical()) {
          out.writeInt(b.categories().size());
          for (String v : b.categories()) {
            out.writeBoolean(v != null);
            if (v != null) {
              out.writeUTF(v);
            }
          }
        } else {
          out.writeDouble(b.lower());
          out.writeDouble(b.upper());
          out.writeBoolean(b.nullable());
        }
      }
      out.writeInt(model.latentDim());
      out.writeInt(model.weights().length);
      for (int l = 0; l < model.weights().length; l++) {
        for (float[] values : new float[][] {model.weights()[l], model.biases()[l]}) {
          out.writeInt(values.length);
          for (float v : values) {
            out.writeFloat(v);
          }
        }
      }
    }
    return bytes.toByteArray();
  }
}
