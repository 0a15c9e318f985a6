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

  /** Whether {@link #sampleGiven} can draw rows conditioned on preset columns. */
  default boolean conditions() {
    return false;
  }

  /**
   * As {@link #sample}, but the columns marked in {@code given} keep the values already in {@code out} and the
   * other columns are drawn conditioned on them (a child row on its parent's attributes).
   *
   * @throws UnsupportedOperationException when {@link #conditions()} is false
   */
  default void sampleGiven(RandomGenerator random, Object[][] out, boolean[] given) {
    throw new UnsupportedOperationException("generator " + generator() + " cannot condition on given columns");
  }

  /** Serializes the model; {@link Generator#read(byte[])} of the same generator restores it. */
  byte[] toBytes();
}
