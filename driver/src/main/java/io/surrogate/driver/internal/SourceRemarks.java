package io.surrogate.driver.internal;

import io.surrogate.catalog.TableName;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetProvider;

/**
 * The comments the source keeps on its tables and columns ({@code COMMENT ON}), put into the {@code REMARKS} of
 * the table and column metadata Calcite answers (which has none). Comments are schema metadata, like names, and
 * are the same whether a table is served real or synthetic. Read once per engine, until {@link Engine#refresh()}.
 *
 * @param tables comment of each table, by the name a client uses for it ({@link TableName#visible})
 * @param columns comment of each column, by table and column name joined with a NUL character
 */
record SourceRemarks(Map<String, String> tables, Map<String, String> columns) {

  /** Reads every table and column comment of the engine's schema. */
  static SourceRemarks read(Engine engine) throws SQLException {
    Map<String, String> tables = new HashMap<>();
    Map<String, String> columns = new HashMap<>();
    try (Connection c = engine.pool().getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      boolean foldsUpper = meta.storesUpperCaseIdentifiers();
      try (ResultSet rs = meta.getTables(engine.catalogName(), engine.metadataSchema(), "%", null)) {
        while (rs.next()) {
          put(tables, TableName.visible(rs.getString("TABLE_NAME"), foldsUpper), rs.getString("REMARKS"));
        }
      }
      try (ResultSet rs = meta.getColumns(engine.catalogName(), engine.metadataSchema(), "%", "%")) {
        while (rs.next()) {
          put(columns, TableName.visible(rs.getString("TABLE_NAME"), foldsUpper) + "\u0000"
              + rs.getString("COLUMN_NAME"), rs.getString("REMARKS"));
        }
      }
    }
    return new SourceRemarks(Map.copyOf(tables), Map.copyOf(columns));
  }

  private static void put(Map<String, String> into, String key, String remark) {
    if (remark != null && !remark.isBlank()) {
      into.put(key, remark);
    }
  }

  /** Calcite's {@code getTables} or {@code getColumns} answer {@code rs}, detached, with the source's comments. */
  ResultSet fill(ResultSet rs, String schema, boolean columnRows) throws SQLException {
    try (rs) {
      CachedRowSet copy = RowSetProvider.newFactory().createCachedRowSet();
      copy.populate(rs);
      int remarks = copy.findColumn("REMARKS");
      int schemaColumn = copy.findColumn("TABLE_SCHEM");
      int table = copy.findColumn("TABLE_NAME");
      int column = columnRows ? copy.findColumn("COLUMN_NAME") : 0;
      while (copy.next()) {
        if (!schema.equals(copy.getString(schemaColumn))) {
          continue;
        }
        String remark = columnRows ? columns.get(copy.getString(table) + "\u0000" + copy.getString(column))
            : tables.get(copy.getString(table));
        if (remark != null) {
          copy.updateString(remarks, remark);
          copy.updateRow();
        }
      }
      copy.beforeFirst();
      return copy;
    }
  }
}
