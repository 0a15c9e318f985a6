package io.surrogate.driver.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.relational.LinkModel;
import io.surrogate.synth.relational.RelationalModel;
import io.surrogate.synth.relational.RowLayout;
import io.surrogate.synth.sample.PartitionedSampler;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Presets a child's conditioning columns with the attributes of the synthetic parent each row belongs to, read
 * from the parent's own partitions, so the child's rows are drawn given the parent they join.
 */
final class ParentAttributes implements PartitionedSampler.Prefill {
  private final boolean[] given;
  private final int[] childColumns;
  private final int[] parentColumns;
  private final RowLayout layout;
  private final ServingModel parent;
  /**
   * The parent partitions read last: a child partition is drawn block by block, and consecutive blocks belong to
   * the same run of parents, so without this every block would synthesize the same parent partition again.
   */
  private final Cache<Integer, Object[][]> recent = Caffeine.newBuilder().maximumSize(4).build();

  private ParentAttributes(boolean[] given, int[] childColumns, int[] parentColumns, RowLayout layout,
      ServingModel parent) {
    this.given = given;
    this.childColumns = childColumns;
    this.parentColumns = parentColumns;
    this.layout = layout;
    this.parent = parent;
  }

  /** The prefill of a child whose driving link conditions on its parent, or null. */
  static ParentAttributes of(TableModel model, RelationalModel relations, RowLayout layout,
      Map<String, ServingModel> parents) {
    LinkModel driving = relations.driving().orElse(null);
    if (driving == null || driving.conditionOn().isEmpty() || !model.conditions()) {
      return null;
    }
    ServingModel parent = parents.get(driving.parentTable().toLowerCase(Locale.ROOT));
    TableSpec child = model.spec();
    TableSpec parentSpec = parent.model().spec();
    List<String> names = driving.conditionOn();
    boolean[] given = new boolean[child.width()];
    int[] childColumns = new int[names.size()];
    int[] parentColumns = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      childColumns[i] = child.indexOf(LinkModel.conditionColumn(names.get(i)));
      parentColumns[i] = parentSpec.indexOf(names.get(i));
      if (childColumns[i] < 0 || parentColumns[i] < 0) {
        throw new IllegalStateException("table " + child.name() + ": conditioning column " + names.get(i)
            + " is missing from the child's or the parent's model");
      }
      given[childColumns[i]] = true;
    }
    return new ParentAttributes(given, childColumns, parentColumns, layout, parent);
  }

  @Override
  public boolean[] given() {
    return given.clone();
  }

  @Override
  public void fill(Object[][] block, long firstRow) {
    long[] parents = layout.drivingParents(firstRow, block.length);
    int size = parent.sampler().partitionSize();
    for (int i = 0; i < block.length; i++) {
      long p = parents[i];
      if (p < 1 || p > parent.rows()) {
        continue;
      }
      int index = (int) ((p - 1) / size);
      Object[] row = recent.get(index, parent::partition)[(int) ((p - 1) % size)];
      for (int j = 0; j < childColumns.length; j++) {
        block[i][childColumns[j]] = row[parentColumns[j]];
      }
    }
  }
}
