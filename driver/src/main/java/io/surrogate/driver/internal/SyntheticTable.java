package io.surrogate.driver.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A source table or view replaced by synthetic rows: the source's row type (names and SQL types) over
 * the rows of the table's newest model. It is deliberately not a {@code JdbcTable}, so the JDBC adapter
 * can never push it, or anything joined with it, into the source.
 */
public final class SyntheticTable extends AbstractTable implements ScannableTable, TranslatableTable {
  private final Engine engine;
  private final String name;
  private final RelProtoDataType protoRowType;
  private final Schema.TableType sourceType;

  SyntheticTable(Engine engine, String name, RelProtoDataType protoRowType, Schema.TableType sourceType) {
    this.engine = engine;
    this.name = name;
    this.protoRowType = protoRowType;
    this.sourceType = sourceType;
  }

  /** Table name as the source spells it. */
  public String name() {
    return name;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return protoRowType.apply(typeFactory);
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return sourceType;
  }

  /**
   * Resolves the serving model now (so a missing model or exhausted budget fails the execute call, not
   * the first {@code next()}), and returns rows partition by partition.
   */
  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    RelDataType rowType = getRowType(root.getTypeFactory());
    Scan scan = new Scan(engine, engine.models().current(name), rowType);
    AtomicBoolean cancel = cancelFlag(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new PartitionEnumerator(scan, engine.lookahead(), cancel);
      }
    };
  }

  /**
   * The execution's cancel flag (its statement's, set by a cancel or query timeout), or a flag never set when the
   * data context has none.
   */
  private static AtomicBoolean cancelFlag(DataContext root) {
    Object flag = root.get(DataContext.Variable.CANCEL_FLAG.camelName);
    return flag instanceof AtomicBoolean b ? b : new AtomicBoolean();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return SyntheticScan.of(context.getCluster(), relOptTable);
  }

  /**
   * The rows a {@link SyntheticScan} reads; called by generated code. When one of {@code keyFields} is the served
   * model's single integer key, its value picks one row (synthetic key k is row k) or none; otherwise every row.
   * The filter above the scan still applies, so either way the query's answer is the same.
   *
   * @param root the execution's data context
   * @param keyFields fields the filter compares for equality with {@code keyValues}
   * @param keyValues the compared values (a literal or a bound parameter each)
   * @param scalar whether the row type has one field, whose rows Calcite expects unwrapped
   */
  public Enumerable<Object> rows(DataContext root, int[] keyFields, Object[] keyValues, boolean scalar) {
    engine.recordSyntheticScan();
    Enumerable<Object[]> rows = lookupOrScan(root, keyFields, keyValues);
    @SuppressWarnings("unchecked")
    Enumerable<Object> result = scalar ? rows.select(r -> r[0]) : (Enumerable<Object>) (Enumerable<?>) rows;
    return result;
  }

  private Enumerable<Object[]> lookupOrScan(DataContext root, int[] keyFields, Object[] keyValues) {
    if (keyFields.length == 0) {
      return scan(root);
    }
    RelDataType rowType = getRowType(root.getTypeFactory());
    ServingModel model = engine.models().current(name);
    int keyField = KeyLookup.keyField(model.model().spec(), rowType);
    for (int i = 0; i < keyFields.length; i++) {
      if (keyFields[i] != keyField) {
        continue;
      }
      Long k = KeyLookup.wholeNumber(keyValues[i]);
      if (k == null) {
        break;
      }
      if (k < 1 || k > model.rows()) {
        return Linq4j.emptyEnumerable();
      }
      Scan scan = new Scan(engine, model, rowType);
      int size = model.sampler().partitionSize();
      ColumnarPartition rows = scan.load((int) ((k - 1) / size)).join();
      return Linq4j.singletonEnumerable(rows.row((int) ((k - 1) % size)));
    }
    return scan(root);
  }

  @Override
  public String toString() {
    return "SyntheticTable(" + name + ")";
  }

  /** One scan's view of the model it serves: partition count, cache lookups and synthesis. */
  static final class Scan {
    private final Engine engine;
    private final ServingModel model;
    private final RowConverter converter;

    Scan(Engine engine, ServingModel model, RelDataType rowType) {
      this.engine = engine;
      this.model = model;
      this.converter = engine.converter(model, rowType);
    }

    int partitionCount() {
      return model.sampler().partitionCount();
    }

    ColumnarPartition cached(int partition) {
      return engine.partitions().getIfPresent(key(partition));
    }

    CompletableFuture<ColumnarPartition> load(int partition) {
      return engine.partitions().getAsync(key(partition),
          () -> converter.columnar(model.partition(partition)));
    }

    private PartitionCache.Key key(int partition) {
      return new PartitionCache.Key(model.table(), model.version(), model.seed(), model.variant(), partition);
    }
  }
}
