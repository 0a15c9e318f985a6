package io.surrogate.it.proxy;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;

/** Calcite type system with PostgreSQL's rule that CASE over strings of different lengths yields varchar. */
public final class PgLikeTypeSystem extends RelDataTypeSystemImpl {
  /** Instance Calcite picks up through the {@code typeSystem} connection property. */
  public static final PgLikeTypeSystem INSTANCE = new PgLikeTypeSystem();

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}
