package io.surrogate.driver.internal;

import io.surrogate.catalog.SqlState;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetProvider;

/**
 * Answers key and index metadata from the source (Calcite has none), with table and schema names
 * resolved as Calcite shows them. Index statistics ({@code CARDINALITY}, {@code PAGES}) are row counts
 * derived from data, so they are blanked for every table not served real. Results are copied into a
 * detached {@link CachedRowSet} so that the pooled source connection is returned at once.
 */
final class KeyMetadata {
  private final Engine engine;

  KeyMetadata(Engine engine) {
    this.engine = engine;
  }

  /** Runs metadata method {@code name} with the client's {@code args} against the source. */
  ResultSet answer(String name, Object[] args) throws SQLException {
    try (Connection c = engine.pool().getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      return switch (name) {
        case "getPrimaryKeys" -> copy(meta.getPrimaryKeys(cat(args[0]), schema(args[1]), table(args[2])), null);
        case "getImportedKeys" -> copy(meta.getImportedKeys(cat(args[0]), schema(args[1]), table(args[2])), null);
        case "getExportedKeys" -> copy(meta.getExportedKeys(cat(args[0]), schema(args[1]), table(args[2])), null);
        case "getCrossReference" -> copy(meta.getCrossReference(cat(args[0]), schema(args[1]), table(args[2]),
            cat(args[3]), schema(args[4]), table(args[5])), null);
        case "getIndexInfo" -> copy(meta.getIndexInfo(cat(args[0]), schema(args[1]), table(args[2]),
            (Boolean) args[3], (Boolean) args[4]), table(args[2]));
        default -> throw SqlState.FEATURE_NOT_SUPPORTED.create(name + " is not supported", null);
      };
    }
  }

  private String cat(Object client) {
    return client == null ? null : engine.catalogName();
  }

  private String schema(Object client) {
    if (client == null || ((String) client).equalsIgnoreCase(engine.schemaName())) {
      return engine.metadataSchema();
    }
    return (String) client;
  }

  private String table(Object client) {
    if (client == null) {
      return null;
    }
    String wanted = (String) client;
    SourceSchema.Entry exact = engine.sourceSchema().directory().get(wanted);
    if (exact != null) {
      return exact.name();
    }
    for (SourceSchema.Entry e : engine.sourceSchema().directory().values()) {
      if (e.name().equalsIgnoreCase(wanted)) {
        return e.name();
      }
    }
    return wanted;
  }

  /** Copies {@code rs}; when {@code statsOf} names a table, blanks its index statistics unless it is real. */
  private CachedRowSet copy(ResultSet rs, String statsOf) throws SQLException {
    try (rs) {
      CachedRowSet copy = RowSetProvider.newFactory().createCachedRowSet();
      copy.populate(rs);
      if (statsOf != null) {
        blankStatistics(copy);
      }
      return copy;
    }
  }

  private void blankStatistics(CachedRowSet rows) throws SQLException {
    int cardinality = rows.findColumn("CARDINALITY");
    int pages = rows.findColumn("PAGES");
    int tableColumn = rows.findColumn("TABLE_NAME");
    rows.beforeFirst();
    while (rows.next()) {
      SourceSchema.Entry e = engine.sourceSchema().bySpelling(rows.getString(tableColumn));
      if (e == null || !e.real()) {
        rows.updateNull(cardinality);
        rows.updateNull(pages);
        rows.updateRow();
      }
    }
    rows.beforeFirst();
  }
}
