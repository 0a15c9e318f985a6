package io.surrogate.catalog;

import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads a source table's modelled columns into memory with the table's policy applied: key and PII
 * columns are never selected, values are converted to synth-core types, and the read streams with a
 * fetch size. Used by training and by the data owner's own evaluation.
 */
public final class SourceReader {
  private SourceReader() {
  }

  /**
   * Reads {@code table} from {@code source}.
   *
   * @param schema source schema, or null for the connection's current one
   * @param listener receives the phases {@code schema} and {@code read}, at 0 and 1 only
   */
  public static TableData read(DataSource source, String schema, String table, TablePolicy policy,
      TrainListener listener) throws SQLException {
    return read(source, schema, table, policy, listener, false).data();
  }

  /** Rows read for a training, and the sample they are when the table's policy caps them. */
  record Training(TableData data, TrainingSample sample) {
  }

  /**
   * Reads {@code table} for training: with a {@code max_training_rows} cap, a DP-released row count decides
   * whether every row or a Poisson sample ({@link TrainingSample}) is held.
   */
  static Training readForTraining(DataSource source, String schema, String table, TablePolicy policy,
      TrainListener listener) throws SQLException {
    return read(source, schema, table, policy, listener, policy.maxTrainingRows() > 0);
  }

  private static Training read(DataSource source, String schema, String table, TablePolicy policy,
      TrainListener listener, boolean capped) throws SQLException {
    TrainListener progress = listener == null ? TrainListener.NONE : listener;
    try (Connection c = source.getConnection()) {
      progress.progress(table, "schema", 0);
      SourceTable located = SchemaReader.locate(c, schema, table);
      TableSpec spec = SchemaReader.read(c, located, policy);
      progress.progress(table, "schema", 1);
      progress.progress(table, "read", 0);
      TrainingSample sample = capped
          ? TrainingSample.plan(c, located, policy.maxTrainingRows(), policy.epsilon()) : null;
      List<Object[]> rows = readRows(c, located, spec,
          sample == null ? TrainingSample.RowFilter.ALL : sample.filter());
      // Only the ends of the read are reported: intermediate fractions would reveal the row count.
      progress.progress(table, "read", 1);
      try {
        return new Training(TableData.of(spec, rows), sample);
      } catch (IllegalArgumentException e) {
        throw SqlState.INTERNAL_ERROR.create("table " + table + ": rows do not match the schema read");
      }
    }
  }

  private static List<Object[]> readRows(Connection c, SourceTable table, TableSpec spec,
      TrainingSample.RowFilter filter) throws SQLException {
    boolean auto = c.getAutoCommit();
    // PostgreSQL streams with a fetch size only inside a transaction.
    c.setAutoCommit(false);
    try {
      return RowReader.read(c, table, spec, filter);
    } finally {
      try {
        c.rollback();
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }
}
