package io.surrogate.driver.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.BuiltInMethod;

/**
 * The scan of a {@link SyntheticTable} in Calcite's enumerable convention: generated code calls
 * {@link SyntheticTable#rows} directly, with the {@code column = value} equalities on integer columns that
 * {@link SyntheticKeyRule} found in the filter above it (the filter stays and is still applied). When one of
 * them is the served model's key, a single partition is read instead of every row.
 *
 * <p>Design note. Calcite runs a {@code FilterableTable} through its interpreter, which builds and optimises a
 * node tree (with a planner) on every execution; a point query spent most of its time there. This node compiles
 * once with the rest of the plan, so a cached plan's execution is one method call per scan.
 */
final class SyntheticScan extends TableScan implements EnumerableRel {
  /** Row count assumed for a full scan; synthetic row counts are model state, not plan state. */
  private static final double FULL_SCAN_ROWS = 1e6;

  /** Fields compared for equality, in filter order; empty for a full scan. */
  final List<Integer> keyFields;
  /** The literal or dynamic parameter each of {@link #keyFields} is compared with. */
  final List<RexNode> keyValues;

  SyntheticScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, List<Integer> keyFields,
      List<RexNode> keyValues) {
    super(cluster, traits, List.of(), table);
    this.keyFields = List.copyOf(keyFields);
    this.keyValues = List.copyOf(keyValues);
  }

  /** A full scan of {@code table}. */
  static SyntheticScan of(RelOptCluster cluster, RelOptTable table) {
    return new SyntheticScan(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), table, List.of(),
        List.of());
  }

  /** This scan, told that field {@code fields[i]} equals {@code values[i]}. */
  SyntheticScan withKeys(List<Integer> fields, List<RexNode> values) {
    return new SyntheticScan(getCluster(), getTraitSet(), getTable(), fields, values);
  }

  @Override
  public void register(RelOptPlanner planner) {
    planner.addRule(SyntheticKeyRule.INSTANCE);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new SyntheticScan(getCluster(), traitSet, getTable(), keyFields, keyValues);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).itemIf("keys", keyFields, !keyFields.isEmpty());
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return keyFields.isEmpty() ? FULL_SCAN_ROWS : 1;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = estimateRowCount(mq);
    return planner.getCostFactory().makeCost(rows, rows, 0);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    boolean scalar = getRowType().getFieldCount() == 1;
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        scalar ? JavaRowFormat.SCALAR : JavaRowFormat.ARRAY);
    Expression root = implementor.getRootExpression();
    List<Expression> fields = new ArrayList<>();
    List<Expression> values = new ArrayList<>();
    for (int i = 0; i < keyFields.size(); i++) {
      fields.add(Expressions.constant(keyFields.get(i)));
      values.add(Expressions.box(value(keyValues.get(i), root)));
    }
    Expression call = Expressions.call(tableExpression(root), "rows", root,
        Expressions.newArrayInit(int.class, fields), Expressions.newArrayInit(Object.class, values),
        Expressions.constant(scalar));
    return implementor.result(physType, Blocks.toBlock(call));
  }

  /** Code that looks the table up through the execution's root schema, as plans cached across connections must. */
  private Expression tableExpression(Expression root) {
    List<String> names = getTable().getQualifiedName();
    Expression schema = Expressions.call(root, BuiltInMethod.DATA_CONTEXT_GET_ROOT_SCHEMA.method);
    for (String name : names.subList(0, names.size() - 1)) {
      schema = Expressions.call(schema, BuiltInMethod.SCHEMA_GET_SUB_SCHEMA.method, Expressions.constant(name));
    }
    return Expressions.convert_(Expressions.call(schema, BuiltInMethod.SCHEMA_GET_TABLE.method,
        Expressions.constant(names.get(names.size() - 1))), SyntheticTable.class);
  }

  /** Code that yields the compared value at run time: the literal, or the bound parameter. */
  private static Expression value(RexNode node, Expression root) {
    if (node instanceof RexDynamicParam p) {
      return Expressions.call(root, BuiltInMethod.DATA_CONTEXT_GET.method, Expressions.constant("?" + p.getIndex()));
    }
    Object v = ((RexLiteral) node).getValue3();
    return v == null ? Expressions.constant(null) : Expressions.constant(v, Object.class);
  }

  /** Whether {@code node} can be handed to {@link #value}: a literal or a dynamic parameter. */
  static boolean isValue(RexNode node) {
    return node instanceof RexDynamicParam || node instanceof RexLiteral;
  }
}
