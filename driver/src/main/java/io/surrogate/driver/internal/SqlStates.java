package io.surrogate.driver.internal;

import io.surrogate.catalog.SqlState;
import java.sql.SQLException;

/** Carries an {@link SQLException} across Calcite's unchecked call paths to {@link ErrorMapper}. */
public final class SqlStates {
  private SqlStates() {
  }

  /** Unchecked carrier for an {@link SQLException} raised inside Calcite callbacks, unwrapped by {@link ErrorMapper}. */
  public static final class Carrier extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Carrier(SQLException cause) {
      super(cause.getMessage(), cause, false, false);
    }

    public SQLException sqlException() {
      return (SQLException) getCause();
    }
  }

  /** Raises {@code state} wrapped so that it crosses Calcite's unchecked call paths. */
  public static Carrier carry(SqlState state, String message) {
    return new Carrier(state.create(message));
  }
}
