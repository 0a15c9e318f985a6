package io.surrogate.synth.vae;

import io.surrogate.synth.TableModel;
import io.surrogate.synth.TableSpec;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A fitted VAE's decoder as plain arrays, evaluated in plain Java so serving never needs ND4J: a latent
 * code drawn from N(0, I) runs through dense layers (ReLU between them) to logits and means, which
 * {@link VaeLayout} turns into values.
 */
public final class VaeModel implements TableModel {
  private final VaeLayout layout;
  private final long noisyRows;
  private final int latentDim;
  private final float[][] weights;
  private final float[][] biases;

  /**
   * A model over {@code layout}.
   *
   * @param weights per layer, row-major {@code in × out}
   * @param biases per layer, length {@code out}
   */
  public VaeModel(VaeLayout layout, long noisyRows, int latentDim, float[][] weights, float[][] biases) {
    if (weights.length != biases.length || weights.length == 0) {
      throw new IllegalArgumentException("decoder layers: " + weights.length + " weights, " + biases.length
          + " biases (expected: the same, at least one)");
    }
    int in = latentDim;
    for (int l = 0; l < weights.length; l++) {
      if (weights[l].length != in * biases[l].length) {
        throw new IllegalArgumentException("decoder layer " + l + ": " + weights[l].length + " weights (expected: "
            + in + " x " + biases[l].length + ")");
      }
      in = biases[l].length;
    }
    if (in != layout.width()) {
      throw new IllegalArgumentException("decoder output: " + in + " (expected: layout width " + layout.width() + ")");
    }
    this.layout = layout;
    this.noisyRows = noisyRows;
    this.latentDim = latentDim;
    this.weights = Arrays.stream(weights).map(float[]::clone).toArray(float[][]::new);
    this.biases = Arrays.stream(biases).map(float[]::clone).toArray(float[][]::new);
  }

  @Override
  public TableSpec spec() {
    return layout.spec();
  }

  @Override
  public String generator() {
    return VaeGenerator.NAME;
  }

  @Override
  public long noisyRowCount() {
    return noisyRows;
  }

  /** The column layout. */
  public VaeLayout layout() {
    return layout;
  }

  int latentDim() {
    return latentDim;
  }

  float[][] weights() {
    return weights;
  }

  float[][] biases() {
    return biases;
  }

  @Override
  public void sample(RandomGenerator random, Object[][] out) {
    int maxWidth = latentDim;
    for (float[] b : biases) {
      maxWidth = Math.max(maxWidth, b.length);
    }
    double[] a = new double[maxWidth];
    double[] z = new double[maxWidth];
    for (Object[] row : out) {
      Arrays.fill(row, null);
      for (int i = 0; i < latentDim; i++) {
        a[i] = random.nextGaussian();
      }
      int in = latentDim;
      for (int l = 0; l < weights.length; l++) {
        int outW = biases[l].length;
        forward(a, in, weights[l], biases[l], z, l < weights.length - 1);
        double[] t = a;
        a = z;
        z = t;
        in = outW;
      }
      layout.decode(a, random, row);
    }
  }

  private static void forward(double[] a, int in, float[] w, float[] b, double[] z, boolean relu) {
    int out = b.length;
    for (int j = 0; j < out; j++) {
      z[j] = b[j];
    }
    for (int i = 0; i < in; i++) {
      double ai = a[i];
      if (ai == 0) {
        continue;
      }
      int base = i * out;
      for (int j = 0; j < out; j++) {
        z[j] += ai * w[base + j];
      }
    }
    if (relu) {
      for (int j = 0; j < out; j++) {
        z[j] = Math.max(0, z[j]);
      }
    }
  }

  @Override
  public byte[] toBytes() {
    return VaeCodec.write(this);
  }
}
