package io.surrogate.catalog;

import io.surrogate.synth.relational.ParentLink;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the single-column foreign keys of source tables from {@link DatabaseMetaData#getImportedKeys} and
 * applies the policy's {@code parent:} entries, which come first and override the declared link of the same
 * column. Metadata only: no row is read. Composite foreign keys stay ordinary columns.
 */
public final class ForeignKeyReader {
  private ForeignKeyReader() {
  }

  /** The parent links of {@code tables} in {@code schema} (null = any), policy entries winning. */
  public static List<ParentLink> read(Connection source, String schema, List<String> tables, Policy policy)
      throws SQLException {
    List<ParentLink> links = new ArrayList<>();
    for (String table : tables) {
      links.addAll(links(source.getMetaData(), schema, table, policy.forTable(table)));
    }
    return links;
  }

  /**
   * The parent links of one table, the policy's declared parents first (in their order).
   *
   * @throws SQLException 42703 when a declared parent names a column the table lacks, 42P10 when the parent's
   *     primary key is not one column
   */
  public static List<ParentLink> links(DatabaseMetaData meta, String schema, String table, TablePolicy policy)
      throws SQLException {
    List<ParentLink> links = new ArrayList<>();
    Set<String> declaredColumns = new LinkedHashSet<>();
    for (ParentPolicy p : policy.parents()) {
      links.add(fromPolicy(meta, schema, table, p));
      declaredColumns.add(p.key().toLowerCase(Locale.ROOT));
    }
    for (ParentLink link : imported(meta, schema, table)) {
      if (!declaredColumns.contains(link.foreignKey().toLowerCase(Locale.ROOT))) {
        links.add(link);
      }
    }
    return links;
  }

  /**
   * The table's single-column foreign keys; a partitioned table's are those of its partitions too, where pagila
   * declares {@code payment}'s (one link per column and parent, however many partitions repeat it).
   */
  private static List<ParentLink> imported(DatabaseMetaData meta, String schema, String table) throws SQLException {
    Map<String, String[]> byColumn = new LinkedHashMap<>();
    importedOf(meta, schema, table, byColumn);
    for (String[] partition : Partitions.of(meta.getConnection(), schema, table)) {
      importedOf(meta, partition[0], partition[1], byColumn);
    }
    List<ParentLink> links = new ArrayList<>();
    for (String[] c : byColumn.values()) {
      links.add(new ParentLink(table, c[0], c[1], c[2], ParentLink.DEFAULT_MAX_ROWS_PER_PARENT,
          nullable(meta, schema, table, c[0])));
    }
    return links;
  }

  private static void importedOf(DatabaseMetaData meta, String schema, String table, Map<String, String[]> byColumn)
      throws SQLException {
    Map<String, String[]> byName = new LinkedHashMap<>();
    Map<String, Integer> width = new LinkedHashMap<>();
    try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
      while (rs.next()) {
        String name = rs.getString("PKTABLE_NAME") + "/" + rs.getString("FK_NAME");
        width.merge(name, 1, Integer::sum);
        byName.put(name, new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"),
            rs.getString("PKCOLUMN_NAME")});
      }
    }
    for (Map.Entry<String, String[]> e : byName.entrySet()) {
      if (width.get(e.getKey()) == 1) {
        String[] c = e.getValue();
        byColumn.putIfAbsent(c[0].toLowerCase(Locale.ROOT) + "/" + c[1], c);
      }
    }
  }

  private static ParentLink fromPolicy(DatabaseMetaData meta, String schema, String table, ParentPolicy p)
      throws SQLException {
    Boolean nullable = nullableOrNull(meta, schema, table, p.key());
    if (nullable == null) {
      throw SqlState.UNDEFINED_COLUMN.create("parent of " + table + ": key column '" + p.key() + "' does not exist in "
          + table + " (expected: a column of " + table + " referencing " + p.table() + ")");
    }
    String parentKey = primaryKey(meta, schema, p.table());
    int cap = p.maxRowsPerParent() == null ? ParentLink.DEFAULT_MAX_ROWS_PER_PARENT : p.maxRowsPerParent();
    return new ParentLink(table, p.key(), p.table(), parentKey, cap, nullable);
  }

  private static String primaryKey(DatabaseMetaData meta, String schema, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    for (String name : variants(table)) {
      try (ResultSet rs = meta.getPrimaryKeys(null, schema, name)) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME"));
        }
      }
      if (!columns.isEmpty()) {
        break;
      }
    }
    if (columns.size() != 1) {
      throw SqlState.INVALID_COLUMN_REFERENCE.create("parent table " + table + ": primary key " + columns
          + " (expected: exactly one key column)");
    }
    return columns.get(0);
  }

  private static boolean nullable(DatabaseMetaData meta, String schema, String table, String column)
      throws SQLException {
    Boolean n = nullableOrNull(meta, schema, table, column);
    return n == null || n;
  }

  private static Boolean nullableOrNull(DatabaseMetaData meta, String schema, String table, String column)
      throws SQLException {
    for (String name : variants(table)) {
      try (ResultSet rs = meta.getColumns(null, schema, SchemaReader.escape(meta, name), null)) {
        while (rs.next()) {
          if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)
              && rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
            return rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
          }
        }
      }
    }
    return null;
  }

  private static Set<String> variants(String name) {
    Set<String> out = new LinkedHashSet<>();
    out.add(name);
    out.add(name.toUpperCase(Locale.ROOT));
    out.add(name.toLowerCase(Locale.ROOT));
    return out;
  }
}
