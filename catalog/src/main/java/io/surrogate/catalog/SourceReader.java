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
    TrainListener progress = listener == null ? TrainListener.NONE : listener;
    try (Connection c = source.getConnection()) {
      progress.progress(table, "schema", 0);
      SourceTable located = SchemaReader.locate(c, schema, table);
      TableSpec spec = SchemaReader.read(c, located, policy);
      progress.progress(table, "schema", 1);
      progress.progress(table, "read", 0);
      List<Object[]> rows = readRows(c, located, spec);
      // Only the ends of the read are reported: intermediate fractions would reveal the row count.
      progress.progress(table, "read", 1);
      try {
        return TableData.of(spec, rows);
      } catch (IllegalArgumentException e) {
        throw SqlState.INTERNAL_ERROR.create("table " + table + ": rows do not match the schema read");
      }
    }
  }

  private static List<Object[]> readRows(Connection c, SourceTable table, TableSpec spec) throws SQLException {
    boolean auto = c.getAutoCommit();
    // PostgreSQL streams with a fetch size only inside a transaction.
    c.setAutoCommit(false);
    try {
      return RowReader.read(c, table, spec);
    } finally {
      try {
        c.rollback();
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }
}
