package io.surrogate.proxy.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A text-valued catalog function over BIGINT arguments whose answer depends on the session's metadata snapshot
 * ({@code pg_get_indexdef}, {@code pg_get_constraintdef}): the generated code calls a static method of
 * {@link PgFunctions} with the query's {@link DataContext}, through which it finds this session's
 * {@code pg_catalog} schema. A function, not a correlated subquery, because the planner cannot decorrelate the
 * subqueries these calls sit in.
 */
final class SnapshotFunction implements ScalarFunction, ImplementableFunction {
  private final String method;
  private final int arity;

  SnapshotFunction(String method, int arity) {
    this.method = method;
    this.arity = arity;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    List<FunctionParameter> out = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      int ordinal = i;
      out.add(new FunctionParameter() {
        @Override
        public int getOrdinal() {
          return ordinal;
        }

        @Override
        public String getName() {
          return "arg" + ordinal;
        }

        @Override
        public RelDataType getType(RelDataTypeFactory factory) {
          return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.BIGINT), true);
        }

        @Override
        public boolean isOptional() {
          return false;
        }
      });
    }
    return out;
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory factory) {
    return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.VARCHAR), true);
  }

  @Override
  public CallImplementor getImplementor() {
    return (translator, call, nullAs) -> {
      List<Expression> args = new ArrayList<>();
      args.add(translator.getRoot());
      for (Expression e : translator.translateList(call.getOperands())) {
        // Boxed, so that literals, nullable columns and primitives all reach the Object parameters alike.
        args.add(Expressions.convert_(Primitive.is(e.getType()) ? Expressions.box(e) : e, Object.class));
      }
      return nullAs.handle(Expressions.call(PgFunctions.class, method, args));
    };
  }
}
