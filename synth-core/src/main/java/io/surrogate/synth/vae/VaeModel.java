package io.surrogate.synth.vae;

import io.surrogate.synth.TableModel;
import io.surrogate.synth.TableSpec;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A fitted VAE's decoder as plain arrays, evaluated in plain Java so serving never needs ND4J: a latent
 * code drawn from N(0, I) runs through dense layers (ReLU between them) to logits and means, which
 * {@link OutputDecoder} turns into values. The layers compute in float, as the exported weights and the
 * trainer do: half the memory traffic of doubles and twice the lanes per vector, and still the same rows on
 * every machine, since Java's float arithmetic is strict IEEE and never fused.
 */
public final class VaeModel implements TableModel {
  private final VaeLayout layout;
  private final long noisyRows;
  private final int latentDim;
  private final float[][] weights;
  private final float[][] biases;
  private final float[][][] weightRows;
  private final OutputDecoder decoder;
  private final double numericSigma;
  private final int maxWidth;

  /**
   * A model over {@code layout}.
   *
   * @param weights per layer, row-major {@code in × out}
   * @param biases per layer, length {@code out}
   */
  public VaeModel(VaeLayout layout, long noisyRows, int latentDim, float[][] weights, float[][] biases) {
    this(layout, noisyRows, latentDim, weights, biases, VaeLayout.NUMERIC_SIGMA);
  }

  /**
   * A model over {@code layout} whose numeric outputs carry Gaussian noise of σ {@code numericSigma}.
   *
   * @param weights per layer, row-major {@code in × out}
   * @param biases per layer, length {@code out}
   */
  public VaeModel(VaeLayout layout, long noisyRows, int latentDim, float[][] weights, float[][] biases,
      double numericSigma) {
    if (!(numericSigma > 0) || Double.isInfinite(numericSigma)) {
      throw new IllegalArgumentException("numeric sigma: " + numericSigma + " (expected: > 0)");
    }
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
    this.weightRows = new float[weights.length][][];
    for (int l = 0; l < weights.length; l++) {
      weightRows[l] = rows(weights[l], biases[l].length);
    }
    this.numericSigma = numericSigma;
    this.decoder = new OutputDecoder(layout, numericSigma);
    int widest = latentDim;
    for (float[] b : biases) {
      widest = Math.max(widest, b.length);
    }
    this.maxWidth = widest;
  }

  /** A row-major {@code in × out} matrix as one array per input (the kernel's shape, see {@link #forward}). */
  private static float[][] rows(float[] w, int out) {
    float[][] rows = new float[w.length / out][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Arrays.copyOfRange(w, i * out, (i + 1) * out);
    }
    return rows;
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

  double numericSigma() {
    return numericSigma;
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
    float[] a = new float[maxWidth];
    float[] z = new float[maxWidth];
    double[] scratch = new double[decoder.scratchLength()];
    int[] nonZero = new int[maxWidth];
    for (Object[] row : out) {
      Arrays.fill(row, null);
      for (int i = 0; i < latentDim; i++) {
        a[i] = (float) random.nextGaussian();
      }
      int in = latentDim;
      for (int l = 0; l < weightRows.length; l++) {
        forward(a, in, weightRows[l], biases[l], z, nonZero, l < weightRows.length - 1);
        float[] t = a;
        a = z;
        z = t;
        in = biases[l].length;
      }
      decoder.decode(a, random, scratch, row);
    }
  }

  /**
   * One dense layer in float, {@code z = b + a W}, each output summed in input order. Zero inputs (half of
   * them after a ReLU) are dropped first; the rest go four at a time through one j-loop that loads and stores
   * the accumulator once per four products, over distinct arrays indexed from 0 (the shape the JIT
   * vectorises; offsets into one flat weight array kept it scalar, and eight at a time measured twice as
   * slow). The parenthesised order keeps every sum the same as one input at a time, bit for bit.
   */
  private static void forward(float[] a, int in, float[][] w, float[] b, float[] z, int[] nonZero,
      boolean relu) {
    int out = b.length;
    System.arraycopy(b, 0, z, 0, out);
    int n = 0;
    for (int i = 0; i < in; i++) {
      // branch-free: after a ReLU, zero or not is a coin flip the branch predictor would miss half the time
      nonZero[n] = i;
      n += a[i] != 0 ? 1 : 0;
    }
    int k = 0;
    for (; k + 4 <= n; k += 4) {
      float x0 = a[nonZero[k]];
      float x1 = a[nonZero[k + 1]];
      float x2 = a[nonZero[k + 2]];
      float x3 = a[nonZero[k + 3]];
      float[] w0 = w[nonZero[k]];
      float[] w1 = w[nonZero[k + 1]];
      float[] w2 = w[nonZero[k + 2]];
      float[] w3 = w[nonZero[k + 3]];
      for (int j = 0; j < out; j++) {
        z[j] = (((z[j] + x0 * w0[j]) + x1 * w1[j]) + x2 * w2[j]) + x3 * w3[j];
      }
    }
    for (; k < n; k++) {
      float x = a[nonZero[k]];
      float[] wi = w[nonZero[k]];
      for (int j = 0; j < out; j++) {
        z[j] += x * wi[j];
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
