package io.surrogate.driver.internal;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with PostgreSQL's aggregate result types: {@code SUM} of a small integer widens to
 * {@code BIGINT} and of a decimal to a decimal of full precision (Calcite's default keeps the argument's
 * type and overflows), and {@code AVG} of exact numbers is a decimal with fractional digits instead of a
 * truncated integer; a CASE over strings of different lengths is VARCHAR, not padded CHAR.
 */
public final class PostgresTypeSystem extends RelDataTypeSystemImpl {
  /** The instance Calcite's {@code typeSystem} connection property names. */
  public static final PostgresTypeSystem INSTANCE = new PostgresTypeSystem();

  private static final int MAX_PRECISION = 38;
  private static final int AVG_MIN_SCALE = 6;

  private PostgresTypeSystem() {
  }

  /** PostgreSQL types a CASE of strings of different lengths as text, not as a blank-padded CHAR. */
  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_PRECISION : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_PRECISION : super.getMaxScale(typeName);
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory factory, RelDataType argumentType) {
    switch (argumentType.getSqlTypeName()) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
        return nullableLike(factory, factory.createSqlType(SqlTypeName.BIGINT), argumentType);
      case BIGINT:
        return nullableLike(factory, factory.createSqlType(SqlTypeName.DECIMAL, MAX_PRECISION, 0), argumentType);
      case DECIMAL:
        return nullableLike(factory,
            factory.createSqlType(SqlTypeName.DECIMAL, MAX_PRECISION, argumentType.getScale()), argumentType);
      default:
        return super.deriveSumType(factory, argumentType);
    }
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory factory, RelDataType argumentType) {
    switch (argumentType.getSqlTypeName()) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
      case DECIMAL:
        int scale = Math.max(AVG_MIN_SCALE, argumentType.getScale() < 0 ? 0 : argumentType.getScale());
        return nullableLike(factory, factory.createSqlType(SqlTypeName.DECIMAL, MAX_PRECISION, scale), argumentType);
      default:
        return super.deriveAvgAggType(factory, argumentType);
    }
  }

  private static RelDataType nullableLike(RelDataTypeFactory factory, RelDataType type, RelDataType like) {
    return factory.createTypeWithNullability(type, like.isNullable());
  }
}
