package io.surrogate.driver.internal;

import io.surrogate.catalog.Policy;
import java.sql.SQLException;

/**
 * The twin builder's handle on the engine {@code jdbc:surrogate:} uses for the same configuration, so a twin is
 * filled from exactly the serving models (version, seed, layout) the Calcite engine serves.
 */
public final class TwinRows implements AutoCloseable {
  private final Engine engine;

  private TwinRows(Engine engine) {
    this.engine = engine;
  }

  /** Acquires the shared engine for {@code config}; close to release it. */
  public static TwinRows open(DriverConfig config) throws SQLException {
    return new TwinRows(Engines.acquire(config));
  }

  public Policy policy() {
    return engine.policy();
  }

  /** The source schema the engine serves. */
  public String schemaName() {
    return engine.metadataSchema() != null ? engine.metadataSchema() : engine.schemaName();
  }

  /** Forgets the versions the shared engine looked up, so {@link #model} asks the catalog again now. */
  public void forgetVersions() {
    engine.models().invalidateAll();
  }

  /** The model {@code table} serves now (trained first when its policy says {@code train: auto}). */
  public ServingModel model(String table) throws SQLException {
    try {
      return engine.models().current(table);
    } catch (SqlStates.Carrier e) {
      throw e.sqlException();
    }
  }

  @Override
  public void close() {
    Engines.release(engine);
  }

  /** A served value as a whole number, rounded exactly as the Calcite engine rounds it. */
  public static long wholeNumber(Object value) {
    return RowConverter.asLong(value);
  }

  /** A served value as a decimal of {@code scale} digits, rounded exactly as the Calcite engine rounds it. */
  public static java.math.BigDecimal decimal(Object value, int scale) {
    return RowConverter.decimal(value, scale);
  }
}
