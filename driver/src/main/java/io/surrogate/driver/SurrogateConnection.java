package io.surrogate.driver;

import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Schema;

/**
 * Surrogate-specific operations of a connection, obtained with
 * {@code connection.unwrap(SurrogateConnection.class)} (like pgjdbc's {@code PGConnection}).
 */
public interface SurrogateConnection {

  /**
   * Adds a schema of public metadata tables (a {@code pg_catalog} or {@code information_schema}
   * emulation) to this connection's root. Queries over it are allowed because it holds no source data.
   *
   * @throws SQLException 42710 when a schema of that name already exists
   */
  void addMetadataSchema(String name, Schema schema) throws SQLException;

  /** Adds a function to this connection's root schema, callable from SQL by {@code name}. */
  void addFunction(String name, Function function) throws SQLException;

  /**
   * Cancels what this connection runs now: a statement's execution, or a {@code prepareStatement} call while Calcite
   * plans it (which {@code Statement.cancel()} cannot reach, there being no statement yet); the call that was
   * running fails with SQLSTATE 57014. Like pgjdbc's {@code PGConnection.cancelQuery()}; callable from any thread.
   */
  void cancelQuery();

  /** Canonical identity of the source database (its JDBC URL without credentials). */
  String sourceId();

  /** Names of the tables and views served synthetically, as the source spells them, sorted. */
  List<String> syntheticTables() throws SQLException;

  /** Names of the tables served with real rows, as the source spells them, sorted. */
  List<String> realTables() throws SQLException;

  /**
   * The source form of {@code statement} (a statement prepared on this connection) when Calcite pushed its whole
   * plan into the source over tables served real, with parameter and column types whose values pass through
   * unchanged; empty otherwise, and for statements of other connections.
   */
  Optional<PushedDownQuery> pushedDown(PreparedStatement statement);
}
