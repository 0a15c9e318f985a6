package io.surrogate.synth.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Trains the VAE with ND4J; the only class of the package that touches ND4J, loaded only after
 * {@link VaeGenerator} checked that ND4J is on the class path.
 *
 * <p>Design note. Encoder and decoder are stacks of dense layers written by hand (forward and backward),
 * so that per-example gradients are exact without a microbatch of one: for a dense layer with input
 * row aᵢ and pre-activation gradient δᵢ, example i's weight gradient is the outer product aᵢδᵢᵀ (norm
 * ‖aᵢ‖·‖δᵢ‖) and its bias gradient δᵢ. One batched backward pass gives every aᵢ and δᵢ, hence every
 * example's full gradient norm; scaling row i of every δ by its clip factor min(1, C/‖gᵢ‖) and then
 * taking aᵀδ yields the sum of clipped per-example gradients in one matrix product per layer. Gaussian
 * noise N(0, σ²C²) is added to each summed coordinate, the sum is divided by the expected batch size
 * q·n, and Adam steps on it. Batches are Poisson samples (each row independently with probability q).
 * Without DP, batches are shuffled slices and nothing is clipped nor noised. All randomness (init,
 * sampling, reparameterisation, noise) comes from the caller's seeded Java stream, so with
 * {@code OMP_NUM_THREADS=1} the result is bit-for-bit reproducible.
 */
final class Nd4jTrainer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double ADAM_EPS = 1e-8;

  private final VaeLayout layout;
  private final VaeOptions options;
  private final RandomGenerator random;
  private final List<Dense> encoder = new ArrayList<>();
  private final List<Dense> decoder = new ArrayList<>();
  private final int latent;
  private int step;

  /** One dense layer with its Adam state; weights {@code in × out}. */
  private static final class Dense {
    final INDArray w;
    final INDArray b;
    final INDArray mw;
    final INDArray vw;
    final INDArray mb;
    final INDArray vb;
    INDArray input;
    INDArray delta;

    Dense(int in, int out, RandomGenerator random) {
      double limit = Math.sqrt(6.0 / (in + out));
      double[][] init = new double[in][out];
      for (double[] row : init) {
        for (int j = 0; j < out; j++) {
          row[j] = (2 * random.nextDouble() - 1) * limit;
        }
      }
      w = Nd4j.create(init);
      b = Nd4j.zeros(DataType.DOUBLE, 1, out);
      mw = Nd4j.zeros(DataType.DOUBLE, in, out);
      vw = Nd4j.zeros(DataType.DOUBLE, in, out);
      mb = Nd4j.zeros(DataType.DOUBLE, 1, out);
      vb = Nd4j.zeros(DataType.DOUBLE, 1, out);
    }
  }

  Nd4jTrainer(VaeLayout layout, VaeOptions options, RandomGenerator random) {
    this.layout = layout;
    this.options = options;
    this.random = random;
    this.latent = options.latentDim();
    Nd4j.getRandom().setSeed(random.nextLong());
    int[] hidden = options.hidden();
    int in = layout.width();
    for (int h : hidden) {
      encoder.add(new Dense(in, h, random));
      in = h;
    }
    encoder.add(new Dense(in, 2 * latent, random));
    in = latent;
    for (int h : hidden) {
      decoder.add(new Dense(in, h, random));
      in = h;
    }
    decoder.add(new Dense(in, layout.width(), random));
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
    int cursor = n;
    for (long t = 0; t < steps; t++) {
      List<double[]> batch = new ArrayList<>();
      if (q > 0) {
        for (double[] row : x) {
          if (random.nextDouble() < q) {
            batch.add(row);
          }
        }
      } else {
        for (int k = 0; k < options.batchSize(); k++) {
          if (cursor == n) {
            shuffle(order);
            cursor = 0;
          }
          batch.add(x[order[cursor++]]);
          if (cursor == n && k + 1 >= Math.min(options.batchSize(), n)) {
            break;
          }
        }
      }
      double denominator = q > 0 ? q * n : batch.size();
      step(batch, q > 0, sigma, clip, denominator);
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

  private void step(List<double[]> rows, boolean dp, double sigma, double clip, double denominator) {
    List<Dense> all = new ArrayList<>(encoder);
    all.addAll(decoder);
    INDArray[] gw = new INDArray[all.size()];
    INDArray[] gb = new INDArray[all.size()];
    if (!rows.isEmpty()) {
      backward(rows);
      int batch = rows.size();
      double[] scale = new double[batch];
      java.util.Arrays.fill(scale, 1);
      if (dp) {
        double[] normSq = new double[batch];
        for (Dense d : all) {
          double[] a2 = d.input.mul(d.input).sum(1).toDoubleVector();
          double[] d2 = d.delta.mul(d.delta).sum(1).toDoubleVector();
          for (int i = 0; i < batch; i++) {
            normSq[i] += (a2[i] + 1) * d2[i];
          }
        }
        for (int i = 0; i < batch; i++) {
          scale[i] = Math.min(1, clip / Math.max(Math.sqrt(normSq[i]), 1e-12));
        }
      }
      INDArray column = Nd4j.create(columnOf(scale));
      for (int l = 0; l < all.size(); l++) {
        Dense d = all.get(l);
        INDArray clipped = d.delta.mulColumnVector(column);
        gw[l] = d.input.transpose().mmul(clipped);
        gb[l] = clipped.sum(0).reshape(1, d.b.columns());
      }
    }
    step++;
    for (int l = 0; l < all.size(); l++) {
      Dense d = all.get(l);
      INDArray w = gw[l] == null ? Nd4j.zeros(DataType.DOUBLE, d.w.rows(), d.w.columns()) : gw[l];
      INDArray b = gb[l] == null ? Nd4j.zeros(DataType.DOUBLE, 1, d.b.columns()) : gb[l];
      if (dp) {
        w.addi(noise(d.w.rows(), d.w.columns(), sigma * clip));
        b.addi(noise(1, d.b.columns(), sigma * clip));
      }
      adam(d.w, d.mw, d.vw, w.divi(denominator));
      adam(d.b, d.mb, d.vb, b.divi(denominator));
    }
  }

  /** Forward and backward over the batch, leaving each layer's input and pre-activation gradient. */
  private void backward(List<double[]> rows) {
    int batch = rows.size();
    INDArray x = Nd4j.create(rows.toArray(new double[0][]));
    double[][] enc = forward(encoder, x).toDoubleMatrix();
    double[][] eps = new double[batch][latent];
    double[][] z = new double[batch][latent];
    for (int i = 0; i < batch; i++) {
      for (int k = 0; k < latent; k++) {
        eps[i][k] = random.nextGaussian();
        double logVar = Math.max(-10, Math.min(10, enc[i][latent + k]));
        z[i][k] = enc[i][k] + Math.exp(logVar / 2) * eps[i][k];
      }
    }
    double[][] out = forward(decoder, Nd4j.create(z)).toDoubleMatrix();
    double[][] grad = new double[batch][];
    for (int i = 0; i < batch; i++) {
      grad[i] = VaeLoss.outputGradient(layout, rows.get(i), out[i]);
    }
    INDArray dz = backpropagate(decoder, Nd4j.create(grad));
    double[][] dzArr = dz.toDoubleMatrix();
    double[][] dEnc = new double[batch][2 * latent];
    for (int i = 0; i < batch; i++) {
      for (int k = 0; k < latent; k++) {
        double mu = enc[i][k];
        double logVar = Math.max(-10, Math.min(10, enc[i][latent + k]));
        double std = Math.exp(logVar / 2);
        dEnc[i][k] = dzArr[i][k] + mu;
        dEnc[i][latent + k] = dzArr[i][k] * eps[i][k] * 0.5 * std + 0.5 * (std * std - 1);
      }
    }
    backpropagate(encoder, Nd4j.create(dEnc));
  }

  private static INDArray forward(List<Dense> stack, INDArray x) {
    INDArray a = x;
    for (int l = 0; l < stack.size(); l++) {
      Dense d = stack.get(l);
      d.input = a;
      INDArray pre = a.mmul(d.w).addiRowVector(d.b);
      a = l < stack.size() - 1 ? Transforms.relu(pre, false) : pre;
    }
    return a;
  }

  /** Back-propagates {@code delta} (gradient at the stack's output) and returns the gradient at its input. */
  private static INDArray backpropagate(List<Dense> stack, INDArray delta) {
    INDArray d = delta;
    for (int l = stack.size() - 1; l >= 0; l--) {
      Dense layer = stack.get(l);
      layer.delta = d;
      INDArray back = d.mmul(layer.w.transpose());
      if (l > 0) {
        back.muli(layer.input.gt(0).castTo(DataType.DOUBLE));
      }
      d = back;
    }
    return d;
  }

  private INDArray noise(int rows, int cols, double std) {
    double[][] n = new double[rows][cols];
    for (double[] row : n) {
      for (int j = 0; j < cols; j++) {
        row[j] = std * random.nextGaussian();
      }
    }
    return Nd4j.create(n);
  }

  private void adam(INDArray param, INDArray m, INDArray v, INDArray g) {
    m.muli(BETA1).addi(g.mul(1 - BETA1));
    v.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
    double c1 = 1 - Math.pow(BETA1, step);
    double c2 = 1 - Math.pow(BETA2, step);
    INDArray denom = Transforms.sqrt(v.div(c2), false).addi(ADAM_EPS);
    param.subi(m.div(c1).divi(denom).muli(options.learningRate()));
  }

  private static double[][] columnOf(double[] values) {
    double[][] out = new double[values.length][1];
    for (int i = 0; i < values.length; i++) {
      out[i][0] = values[i];
    }
    return out;
  }

  /** The decoder as float arrays, row-major {@code in × out}. */
  float[][][] decoderWeights() {
    float[][] w = new float[decoder.size()][];
    float[][] b = new float[decoder.size()][];
    for (int l = 0; l < decoder.size(); l++) {
      w[l] = toFloats(decoder.get(l).w.toDoubleMatrix());
      b[l] = toFloats(decoder.get(l).b.toDoubleMatrix());
    }
    return new float[][][] {w, b};
  }

  private static float[] toFloats(double[][] m) {
    int cols = m.length == 0 ? 0 : m[0].length;
    float[] out = new float[m.length * cols];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < cols; j++) {
        out[i * cols + j] = (float) m[i][j];
      }
    }
    return out;
  }
}
