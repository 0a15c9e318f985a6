package io.surrogate.synth.vae;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.function.DoubleConsumer;
import io.surrogate.synth.dp.NoiseSource;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains the VAE with ND4J; the only class of the package that touches ND4J, loaded only after
 * {@link VaeGenerator} checked that ND4J is on the class path.
 *
 * <p>Design note. Encoder and decoder are stacks of dense layers written by hand (forward and backward),
 * so that per-example gradients are exact without a microbatch of one: for a dense layer with input
 * row aᵢ and pre-activation gradient δᵢ, example i's weight gradient is the outer product aᵢδᵢᵀ (norm
 * ‖aᵢ‖·‖δᵢ‖) and its bias gradient δᵢ. One batched backward pass gives every aᵢ and δᵢ, hence every
 * example's full gradient norm² = Σ_layers (‖aᵢ‖² + 1)·‖δᵢ‖²; scaling row i of every δ by its clip factor
 * min(1, C/‖gᵢ‖) and then taking aᵀδ yields the sum of clipped per-example gradients in one matrix product
 * per layer. Gaussian noise N(0, σ²C²) is added to each summed coordinate, the sum is divided by the
 * expected batch size q·n, and Adam steps on it. Batches are Poisson samples (each row independently with
 * probability q). Without DP, batches are shuffled slices and nothing is clipped, noised or normed.
 *
 * <p>Speed. ND4J does only the matrix products ({@code Nd4j.gemm} into preallocated float32 buffers); the
 * element-wise work (bias, ReLU and its mask, reparameterisation, loss gradient, clip factors) runs in Java
 * directly on those buffers' native memory, and Adam on Java arrays. A step therefore allocates no native
 * memory: allocating and freeing ND4J temporaries per operation, not arithmetic, used to dominate (≈ 0.3 s
 * a step on hour.csv). The initial weights come from the caller's seeded stream (they are data-independent);
 * everything that touches the rows (Poisson sampling, shuffling, reparameterisation, gradient noise) comes
 * from the training's {@link NoiseSource}, fresh for every training.
 */
final class Nd4jTrainer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double ADAM_EPS = 1e-8;

  private final VaeOptions options;
  private final VaeLayout layout;
  private final NoiseSource random;
  private final Dense[] layers;
  private final int encoderDepth;
  private final int latent;
  private final int width;
  private int step;
  private int capacity;
  private int viewRows = -1;
  private Batch input;
  private Batch dz;
  private double[] eps = new double[0];
  /** Java copies of batch buffers: bulk copies plus array loops beat element-wise access to native memory. */
  private float[] scratchA = new float[0];
  private float[] scratchB = new float[0];

  /** A batch-shaped float32 buffer (capacity rows) with its native memory seen from Java, and a view of the current rows. */
  private static final class Batch {
    final int cols;
    final INDArray full;
    final FloatBuffer data;
    INDArray rows;

    Batch(int capacity, int cols) {
      this.cols = cols;
      this.full = Nd4j.create(DataType.FLOAT, capacity, cols);
      this.data = full.data().asNioFloat();
    }

    void view(int n) {
      rows = full.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    }
  }

  /** One dense layer: weights {@code in × out} in Java (with Adam state) and as a native float copy. */
  private static final class Dense {
    final int in;
    final int out;
    final double[] w;
    final double[] b;
    final double[] mw;
    final double[] vw;
    final double[] mb;
    final double[] vb;
    final float[] gw;
    final float[] bf;
    final double[] gb;
    final INDArray nativeW;
    final INDArray nativeGw;
    final FloatBuffer nativeWData;
    final FloatBuffer nativeGwData;
    Batch inputs;
    Batch outputs;
    Batch deltas;

    Dense(int in, int out, RandomGenerator random) {
      this.in = in;
      this.out = out;
      double limit = Math.sqrt(6.0 / (in + out));
      w = new double[in * out];
      for (int k = 0; k < w.length; k++) {
        w[k] = (2 * random.nextDouble() - 1) * limit;
      }
      b = new double[out];
      mw = new double[w.length];
      vw = new double[w.length];
      mb = new double[out];
      vb = new double[out];
      gw = new float[w.length];
      bf = new float[out];
      gb = new double[out];
      nativeW = Nd4j.create(DataType.FLOAT, in, out);
      nativeGw = Nd4j.create(DataType.FLOAT, in, out);
      nativeWData = nativeW.data().asNioFloat();
      nativeGwData = nativeGw.data().asNioFloat();
      upload();
    }

    /** Copies the Java weights into the native copy the products use. */
    void upload() {
      for (int k = 0; k < w.length; k++) {
        gw[k] = (float) w[k];
      }
      nativeWData.put(0, gw);
      for (int j = 0; j < out; j++) {
        bf[j] = (float) b[j];
      }
    }
  }

  Nd4jTrainer(VaeLayout layout, VaeOptions options, RandomGenerator init, NoiseSource noise) {
    this.layout = layout;
    this.options = options;
    this.random = noise;
    this.latent = options.latentDim();
    this.width = layout.width();
    int[] hidden = options.hidden();
    layers = new Dense[2 * (hidden.length + 1)];
    int k = 0;
    int in = width;
    for (int h : hidden) {
      layers[k++] = new Dense(in, h, init);
      in = h;
    }
    layers[k++] = new Dense(in, 2 * latent, random);
    encoderDepth = k;
    in = latent;
    for (int h : hidden) {
      layers[k++] = new Dense(in, h, random);
      in = h;
    }
    layers[k] = new Dense(in, width, random);
  }

  /** (Re)allocates the batch buffers for at least {@code rows} rows; grows only, so steady state allocates nothing. */
  private void ensureCapacity(int rows) {
    if (rows <= capacity) {
      return;
    }
    capacity = Math.max(rows, capacity + capacity / 4);
    input = new Batch(capacity, width);
    dz = new Batch(capacity, latent);
    eps = new double[capacity * latent];
    int widest = Math.max(width, 2 * latent);
    for (Dense d : layers) {
      widest = Math.max(widest, Math.max(d.in, d.out));
    }
    scratchA = new float[capacity * widest];
    scratchB = new float[capacity * widest];
    Batch previous = input;
    for (int l = 0; l < layers.length; l++) {
      Dense d = layers[l];
      d.inputs = l == encoderDepth ? null : previous;
      d.outputs = new Batch(capacity, d.out);
      d.deltas = new Batch(capacity, d.out);
      previous = d.outputs;
    }
    // the decoder's first layer reads the latent sample, written into the encoder head's spare buffer
    layers[encoderDepth].inputs = new Batch(capacity, latent);
    viewRows = -1;
  }

  private void views(int rows) {
    if (rows == viewRows) {
      return;
    }
    input.view(rows);
    dz.view(rows);
    for (Dense d : layers) {
      d.outputs.view(rows);
      d.deltas.view(rows);
    }
    layers[encoderDepth].inputs.view(rows);
    viewRows = rows;
  }

  /**
   * Trains for {@code steps} steps.
   *
   * @param x encoded rows
   * @param q Poisson sampling rate, or 0 for plain shuffled batches without DP
   * @param sigma noise multiplier (ignored without DP)
   * @param clip clip norm C (ignored without DP)
   */
  void train(double[][] x, long steps, double q, double sigma, double clip, DoubleConsumer progress) {
    int n = x.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int[] batch = new int[q > 0 ? n : Math.min(options.batchSize(), n)];
    ensureCapacity(q > 0 ? (int) Math.min(n, Math.ceil(q * n + 6 * Math.sqrt(q * n) + 16)) : batch.length);
    int cursor = n;
    for (long t = 0; t < steps; t++) {
      int size = 0;
      if (q > 0) {
        for (int i = 0; i < n; i++) {
          if (random.nextDouble() < q) {
            batch[size++] = i;
          }
        }
      } else {
        for (int k = 0; k < options.batchSize(); k++) {
          if (cursor == n) {
            shuffle(order);
            cursor = 0;
          }
          batch[size++] = order[cursor++];
          if (cursor == n && k + 1 >= Math.min(options.batchSize(), n)) {
            break;
          }
        }
      }
      double denominator = q > 0 ? q * n : size;
      step(x, batch, size, q > 0, sigma, clip, denominator);
      if ((t & 63) == 0 || t == steps - 1) {
        progress.accept((t + 1) / (double) steps);
      }
    }
  }

  private void shuffle(int[] order) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
  }

  private void step(double[][] x, int[] batch, int size, boolean dp, double sigma, double clip, double denominator) {
    if (size > 0) {
      ensureCapacity(size);
      views(size);
      backward(x, batch, size);
      if (dp) {
        clipRows(size, clip);
      }
      for (Dense d : layers) {
        Nd4j.gemm(d.inputs.rows, d.deltas.rows, d.nativeGw, true, false, 1, 0);
        d.nativeGwData.get(0, d.gw);
        columnSums(d.deltas, size, d.gb);
      }
    } else {
      for (Dense d : layers) {
        Arrays.fill(d.gw, 0);
        Arrays.fill(d.gb, 0);
      }
    }
    step++;
    double c1 = 1 - Math.pow(BETA1, step);
    double c2 = 1 - Math.pow(BETA2, step);
    for (Dense d : layers) {
      double noiseStd = dp ? sigma * clip : 0;
      adam(d.w, d.mw, d.vw, d.gw, null, noiseStd, denominator, c1, c2);
      adam(d.b, d.mb, d.vb, null, d.gb, noiseStd, denominator, c1, c2);
      d.upload();
    }
  }

  /** Forward and backward over the batch, leaving each layer's input and pre-activation gradient δ. */
  private void backward(double[][] x, int[] batch, int size) {
    float[] buf = scratchA;
    for (int r = 0; r < size; r++) {
      double[] row = x[batch[r]];
      int at = r * width;
      for (int j = 0; j < width; j++) {
        buf[at + j] = (float) row[j];
      }
    }
    input.data.put(0, buf, 0, size * width);
    forward(0, encoderDepth, size);
    int twice = 2 * latent;
    float[] enc = scratchA;
    float[] z = scratchB;
    layers[encoderDepth - 1].outputs.data.get(0, enc, 0, size * twice);
    for (int r = 0; r < size; r++) {
      for (int k = 0; k < latent; k++) {
        double e = random.nextGaussian();
        eps[r * latent + k] = e;
        double mu = enc[r * twice + k];
        double logVar = Math.max(-10, Math.min(10, enc[r * twice + latent + k]));
        z[r * latent + k] = (float) (mu + Math.exp(logVar / 2) * e);
      }
    }
    layers[encoderDepth].inputs.data.put(0, z, 0, size * latent);
    forward(encoderDepth, layers.length, size);
    Dense last = layers[layers.length - 1];
    float[] outs = scratchA;
    last.outputs.data.get(0, outs, 0, size * width);
    double[] out = new double[width];
    double[] g = new double[width];
    for (int r = 0; r < size; r++) {
      int at = r * width;
      for (int j = 0; j < width; j++) {
        out[j] = outs[at + j];
      }
      VaeLoss.outputGradient(layout, x[batch[r]], out, g);
      for (int j = 0; j < width; j++) {
        outs[at + j] = (float) g[j];
      }
    }
    last.deltas.data.put(0, outs, 0, size * width);
    backpropagate(encoderDepth, layers.length, dz);
    float[] dzs = scratchB;
    dz.data.get(0, dzs, 0, size * latent);
    layers[encoderDepth - 1].outputs.data.get(0, enc, 0, size * twice);
    float[] dEnc = enc; // overwritten in place: each entry is read before it is written
    for (int r = 0; r < size; r++) {
      for (int k = 0; k < latent; k++) {
        int mu = r * twice + k;
        int lv = mu + latent;
        double logVar = Math.max(-10, Math.min(10, enc[lv]));
        double std = Math.exp(logVar / 2);
        double dzk = dzs[r * latent + k];
        dEnc[lv] = (float) (dzk * eps[r * latent + k] * 0.5 * std + 0.5 * (std * std - 1));
        dEnc[mu] = (float) (dzk + enc[mu]);
      }
    }
    layers[encoderDepth - 1].deltas.data.put(0, dEnc, 0, size * twice);
    backpropagate(0, encoderDepth, null);
  }

  /** Layers {@code from .. to-1}: product, bias, and ReLU on all but the stack's last layer. */
  private void forward(int from, int to, int size) {
    for (int l = from; l < to; l++) {
      Dense d = layers[l];
      Nd4j.gemm(d.inputs.rows, d.nativeW, d.outputs.rows, false, false, 1, 0);
      boolean relu = l < to - 1;
      int out = d.out;
      float[] o = scratchA;
      d.outputs.data.get(0, o, 0, size * out);
      float[] bias = d.bf;
      for (int r = 0; r < size; r++) {
        int at = r * out;
        for (int j = 0; j < out; j++) {
          float v = o[at + j] + bias[j];
          o[at + j] = relu ? Math.max(0f, v) : v;
        }
      }
      d.outputs.data.put(0, o, 0, size * out);
    }
  }

  /**
   * Back-propagates from the δ of layer {@code to-1} down to layer {@code from}: δ of layer l−1 is
   * (δ_l W_lᵀ) masked by ReLU'(input of l); the gradient at the stack's input goes to {@code inputGradient}
   * when given.
   */
  private void backpropagate(int from, int to, Batch inputGradient) {
    for (int l = to - 1; l >= from; l--) {
      Dense d = layers[l];
      if (l > from) {
        Batch target = layers[l - 1].deltas;
        Nd4j.gemm(d.deltas.rows, d.nativeW, target.rows, false, true, 1, 0);
        int n = viewRows * d.in;
        float[] t = scratchA;
        float[] a = scratchB;
        target.data.get(0, t, 0, n);
        d.inputs.data.get(0, a, 0, n);
        for (int k = 0; k < n; k++) {
          t[k] = a[k] > 0 ? t[k] : 0f;
        }
        target.data.put(0, t, 0, n);
      } else if (inputGradient != null) {
        Nd4j.gemm(d.deltas.rows, d.nativeW, inputGradient.rows, false, true, 1, 0);
      }
    }
  }

  /** Scales each example's δ rows by min(1, C/‖gᵢ‖), its full gradient norm from the outer-product identity. */
  private void clipRows(int size, double clip) {
    double[] normSq = new double[size];
    float[] a = scratchA;
    float[] delta = scratchB;
    for (Dense d : layers) {
      d.inputs.data.get(0, a, 0, size * d.in);
      d.deltas.data.get(0, delta, 0, size * d.out);
      for (int r = 0; r < size; r++) {
        double a2 = 1;
        for (int k = r * d.in; k < (r + 1) * d.in; k++) {
          a2 += (double) a[k] * a[k];
        }
        double d2 = 0;
        for (int k = r * d.out; k < (r + 1) * d.out; k++) {
          d2 += (double) delta[k] * delta[k];
        }
        normSq[r] += a2 * d2;
      }
    }
    for (Dense d : layers) {
      d.deltas.data.get(0, delta, 0, size * d.out);
      for (int r = 0; r < size; r++) {
        double scale = Math.min(1, clip / Math.max(Math.sqrt(normSq[r]), 1e-12));
        if (scale < 1) {
          for (int k = r * d.out; k < (r + 1) * d.out; k++) {
            delta[k] = (float) (delta[k] * scale);
          }
        }
      }
      d.deltas.data.put(0, delta, 0, size * d.out);
    }
  }

  private void columnSums(Batch b, int size, double[] out) {
    Arrays.fill(out, 0);
    int cols = b.cols;
    float[] data = scratchA;
    b.data.get(0, data, 0, size * cols);
    for (int r = 0; r < size; r++) {
      int at = r * cols;
      for (int j = 0; j < cols; j++) {
        out[j] += data[at + j];
      }
    }
  }

  /** Adam on {@code param} with gradient (float {@code gf} or double {@code gd}) plus noise, over the denominator. */
  private void adam(double[] param, double[] m, double[] v, float[] gf, double[] gd, double noiseStd,
      double denominator, double c1, double c2) {
    double lr = options.learningRate();
    for (int k = 0; k < param.length; k++) {
      double g = gf != null ? gf[k] : gd[k];
      if (noiseStd > 0) {
        g += noiseStd * random.nextGaussian();
      }
      g /= denominator;
      m[k] = BETA1 * m[k] + (1 - BETA1) * g;
      v[k] = BETA2 * v[k] + (1 - BETA2) * g * g;
      param[k] -= lr * (m[k] / c1) / (Math.sqrt(v[k] / c2) + ADAM_EPS);
    }
  }

  /** The decoder as float arrays, row-major {@code in × out}. */
  float[][][] decoderWeights() {
    int depth = layers.length - encoderDepth;
    float[][] w = new float[depth][];
    float[][] b = new float[depth][];
    for (int l = 0; l < depth; l++) {
      w[l] = toFloats(layers[encoderDepth + l].w);
      b[l] = toFloats(layers[encoderDepth + l].b);
    }
    return new float[][][] {w, b};
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
