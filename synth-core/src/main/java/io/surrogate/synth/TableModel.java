package io.surrogate.synth;

import java.util.random.RandomGenerator;

/**
 * An immutable fitted model of one table that draws synthetic rows.
 *
 * <p>Implementations hold no mutable state: the same random stream always yields the same rows, so
 * any partition can be drawn alone, in parallel, or in another JVM. Columns whose role is not
 * {@link ColumnRole#VALUE} are left null; the sampler fills keys and PII.
 */
public interface TableModel {

  /** The table this model was fitted on. */
  TableSpec spec();

  /** Name of the generator that fitted it, as in {@link Generator#name()}. */
  String generator();

  /** The DP-released row count of the real table (or the exact count under ε = ∞). */
  long noisyRowCount();

  /**
   * Fills {@code out[i]} (each of length {@code spec().width()}) with synthetic rows drawn from
   * {@code random}, in order. Draws depend only on the stream, never on {@code out}'s previous content.
   */
  void sample(RandomGenerator random, Object[][] out);

  /** Serializes the model; {@link Generator#read(byte[])} of the same generator restores it. */
  byte[] toBytes();
}
