package io.surrogate.driver.internal;

import io.surrogate.synth.TableModel;
import io.surrogate.synth.sample.PartitionedSampler;

/**
 * The model a synthetic table serves right now: one catalog version, its serving seed and row count.
 *
 * @param table table name as the source spells it
 * @param version catalog model version
 * @param model the deserialized model
 * @param seed serving seed (the stored one, or the connection's override)
 * @param sampler partitioned sampler over {@code model}
 */
public record ServingModel(String table, int version, TableModel model, long seed, PartitionedSampler sampler) {

  /** Rows served. */
  public long rows() {
    return sampler.rowCount();
  }
}
