package io.surrogate.driver.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Tells a {@link SyntheticScan} under a filter which integer columns the filter compares for equality with a
 * literal or a parameter, so that a lookup of the model's key reads one partition. The filter itself is kept:
 * the scan only narrows what it reads, and the filter decides which rows pass.
 */
final class SyntheticKeyRule extends RelRule<SyntheticKeyRule.Config> {
  static final SyntheticKeyRule INSTANCE = new SyntheticKeyRule(new Config("SyntheticKeyRule",
      b0 -> b0.operand(LogicalFilter.class).oneInput(
          b1 -> b1.operand(SyntheticScan.class).predicate(s -> s.keyFields.isEmpty()).noInputs()),
      null));

  private SyntheticKeyRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Filter filter = call.rel(0);
    SyntheticScan scan = call.rel(1);
    List<Integer> fields = new ArrayList<>();
    List<RexNode> values = new ArrayList<>();
    for (RexNode conjunct : RexUtil.flattenAnd(List.of(filter.getCondition()))) {
      if (conjunct.getKind() != SqlKind.EQUALS) {
        continue;
      }
      List<RexNode> operands = ((RexCall) conjunct).getOperands();
      for (int side = 0; side < 2; side++) {
        if (operands.get(side) instanceof RexInputRef ref && SyntheticScan.isValue(operands.get(1 - side))
            && SqlTypeFamily.INTEGER.contains(ref.getType()) && !fields.contains(ref.getIndex())) {
          fields.add(ref.getIndex());
          values.add(operands.get(1 - side));
          break;
        }
      }
    }
    if (!fields.isEmpty()) {
      call.transformTo(filter.copy(filter.getTraitSet(), scan.withKeys(fields, values), filter.getCondition()));
    }
  }

  /**
   * The rule's configuration, written out as a record so that no annotation processor is needed.
   *
   * @param description rule description
   * @param operandSupplier the filter-over-unkeyed-scan operand
   * @param relBuilderFactory builder factory (null for Calcite's default)
   */
  record Config(String description, OperandTransform operandSupplier, RelBuilderFactory relBuilderFactory)
      implements RelRule.Config {

    @Override
    public RelBuilderFactory relBuilderFactory() {
      return relBuilderFactory != null ? relBuilderFactory : RelRule.Config.super.relBuilderFactory();
    }

    @Override
    public SyntheticKeyRule toRule() {
      return new SyntheticKeyRule(this);
    }

    @Override
    public Config withRelBuilderFactory(RelBuilderFactory factory) {
      return new Config(description, operandSupplier, factory);
    }

    @Override
    public Config withDescription(String d) {
      return new Config(d, operandSupplier, relBuilderFactory);
    }

    @Override
    public Config withOperandSupplier(OperandTransform transform) {
      return new Config(description, transform, relBuilderFactory);
    }
  }
}
