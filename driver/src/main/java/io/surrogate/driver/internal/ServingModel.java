package io.surrogate.driver.internal;

import io.surrogate.synth.TableModel;
import io.surrogate.synth.relational.RowLayout;
import io.surrogate.synth.sample.PartitionedSampler;

/**
 * The model a synthetic table serves right now: one catalog version, its serving seed and row count.
 *
 * @param table table name as the source spells it
 * @param version catalog model version
 * @param model the deserialized model
 * @param seed serving seed (the stored one, or the connection's override)
 * @param sampler partitioned sampler over {@code model}
 * @param layout how the table's foreign-key columns are served, or null for a table without links
 * @param variant identity of the parents the layout was built on (their versions and seeds), 0 without links;
 *     part of every cache key, so a retrained parent never serves children laid out for its old rows
 * @param prefill the parent attributes a child's rows are drawn conditioned on, or null
 */
public record ServingModel(String table, int version, TableModel model, long seed, PartitionedSampler sampler,
    RowLayout layout, long variant, PartitionedSampler.Prefill prefill) {

  /** A model without foreign-key links. */
  public ServingModel(String table, int version, TableModel model, long seed, PartitionedSampler sampler) {
    this(table, version, model, seed, sampler, null, 0, null);
  }

  /** Rows served. */
  public long rows() {
    return sampler.rowCount();
  }

  /** Draws partition {@code index} with its link columns filled; the same rows on every call. */
  public Object[][] partition(int index) {
    Object[][] rows = sampler.partition(index, prefill);
    if (layout != null) {
      layout.fill(rows, (long) index * sampler.partitionSize());
    }
    return rows;
  }
}
