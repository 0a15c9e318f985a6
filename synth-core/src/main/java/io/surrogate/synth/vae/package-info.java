/**
 * The DP-VAE generator: DP-SGD training on ND4J (optional dependency) and a plain-Java decoder for serving.
 *
 * <p>Running the training: ND4J 1.0.0-M2.1 with {@code nd4j-native} (linux-x86_64 natives only) must be on the
 * class path; {@code -Pcuda} on synth-core swaps in {@code nd4j-cuda-11.6}. ND4J's OpenMP threads follow
 * {@code OMP_NUM_THREADS} set before the JVM starts (setting it from Java has no effect); use
 * {@code OMP_NUM_THREADS=1} on small machines (the synth-core tests do, and it keeps results bit-for-bit
 * reproducible). javacpp unpacks its natives under {@code -Dorg.bytedeco.javacpp.cachedir=DIR} (default
 * {@code ~/.javacpp/cache}). Serving needs none of this: {@link io.surrogate.synth.vae.VaeModel} is plain Java.
 */
package io.surrogate.synth.vae;
