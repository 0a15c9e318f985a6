package io.surrogate.proxy.catalog;

import io.surrogate.proxy.types.PgType;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public schema information of an engine connection (schemas, tables, columns, keys) read once from
 * {@link DatabaseMetaData}, with stable PostgreSQL-style OIDs: schemas and tables are numbered in name order.
 */
final class MetadataSnapshot {
  static final int PG_CATALOG_OID = 11;
  static final int PUBLIC_OID = 2200;
  static final int INFORMATION_SCHEMA_OID = 13_000;
  static final int FIRST_USER_OID = 16_384;

  record Table(int oid, String schema, int schemaOid, String name, boolean view) { }

  record Column(int tableOid, String table, String schema, short position, String name, PgType type,
      String typeName, boolean notNull, String defaultValue, int size) { }

  record Key(String name, int tableOid, List<Short> columns, boolean primary, int refTableOid,
      List<Short> refColumns) { }

  final Map<String, Integer> schemas = new LinkedHashMap<>();
  final List<Table> tables = new ArrayList<>();
  final List<Column> columns = new ArrayList<>();
  final List<Key> keys = new ArrayList<>();
  /** Schema and table name as the engine spells them, parallel to {@link #tables}, for metadata calls. */
  private final List<String[]> sourceNames = new ArrayList<>();

  /**
   * The name a PostgreSQL client sees: names the engine reports in upper case (H2, Oracle style) are shown
   * folded to lower case, as PostgreSQL would store them unquoted; mixed-case names stay as they are.
   */
  static String pgName(String name) {
    return name.equals(name.toUpperCase(Locale.ROOT)) ? name.toLowerCase(Locale.ROOT) : name;
  }

  /** Reads the metadata of every table and view outside the engine's own system schemas. */
  static MetadataSnapshot read(DatabaseMetaData md) throws SQLException {
    MetadataSnapshot s = new MetadataSnapshot();
    s.schemas.put("pg_catalog", PG_CATALOG_OID);
    s.schemas.put("information_schema", INFORMATION_SCHEMA_OID);
    TreeMap<String, String[]> found = new TreeMap<>();
    // Every type but the engine's own system objects: the Surrogate driver reports its tables as OTHER.
    try (ResultSet rs = md.getTables(null, null, "%", null)) {
      while (rs.next()) {
        String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
        String sourceSchema = rs.getString("TABLE_SCHEM");
        String schema = sourceSchema == null ? "public" : pgName(sourceSchema);
        if (type.startsWith("SYSTEM") || type.equals("INDEX") || type.equals("SEQUENCE")
            || schema.equals("information_schema") || schema.equals("pg_catalog") || schema.equals("metadata")) {
          continue;
        }
        String table = rs.getString("TABLE_NAME");
        found.put(schema + "\u0000" + pgName(table), new String[] {schema, pgName(table), type, sourceSchema, table});
      }
    }
    int nextOid = FIRST_USER_OID;
    for (String[] t : found.values()) {
      if (!s.schemas.containsKey(t[0])) {
        s.schemas.put(t[0], t[0].equals("public") ? PUBLIC_OID : nextOid++);
      }
    }
    for (String[] t : found.values()) {
      s.tables.add(new Table(nextOid++, t[0], s.schemas.get(t[0]), t[1], "VIEW".equalsIgnoreCase(t[2])));
      s.sourceNames.add(new String[] {t[3], t[4]});
    }
    for (Table t : s.tables) {
      s.readColumns(md, t);
    }
    for (Table t : s.tables) {
      s.readPrimaryKey(md, t);
    }
    for (Table t : s.tables) {
      s.readForeignKeys(md, t);
    }
    return s;
  }

  private void readColumns(DatabaseMetaData md, Table t) throws SQLException {
    try (ResultSet rs = md.getColumns(null, schemaArg(t), tableArg(t), "%")) {
      while (rs.next()) {
        String typeName = rs.getString("TYPE_NAME");
        PgType type = PgType.ofJdbc(rs.getInt("DATA_TYPE"), typeName);
        columns.add(new Column(t.oid(), t.name(), t.schema(), (short) rs.getInt("ORDINAL_POSITION"),
            pgName(rs.getString("COLUMN_NAME")), type, typeName, rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls,
            rs.getString("COLUMN_DEF"), rs.getInt("COLUMN_SIZE")));
      }
    }
  }

  private short position(int tableOid, String column) {
    for (Column c : columns) {
      if (c.tableOid() == tableOid && c.name().equals(pgName(column))) {
        return c.position();
      }
    }
    return 0;
  }

  private void readForeignKeys(DatabaseMetaData md, Table t) throws SQLException {
    Map<String, Key> byName = new LinkedHashMap<>();
    try (ResultSet rs = md.getImportedKeys(null, schemaArg(t), tableArg(t))) {
      while (rs.next()) {
        String pkSchema = rs.getString("PKTABLE_SCHEM");
        Table ref = table(pkSchema == null ? "public" : pgName(pkSchema), pgName(rs.getString("PKTABLE_NAME")));
        if (ref == null) {
          continue;
        }
        String name = rs.getString("FK_NAME") == null ? null : pgName(rs.getString("FK_NAME"));
        if (name == null) {
          name = t.name() + "_" + rs.getString("FKCOLUMN_NAME") + "_fkey";
        }
        Key k = byName.computeIfAbsent(name, n -> new Key(n, t.oid(), new ArrayList<>(), false, ref.oid(),
            new ArrayList<>()));
        k.columns().add(position(t.oid(), rs.getString("FKCOLUMN_NAME")));
        k.refColumns().add(position(ref.oid(), rs.getString("PKCOLUMN_NAME")));
      }
    }
    keys.addAll(byName.values());
  }

  private void readPrimaryKey(DatabaseMetaData md, Table t) throws SQLException {
    List<Short> pk = new ArrayList<>();
    String pkName = null;
    try (ResultSet rs = md.getPrimaryKeys(null, schemaArg(t), tableArg(t))) {
      TreeMap<Integer, Short> ordered = new TreeMap<>();
      while (rs.next()) {
        ordered.put(rs.getInt("KEY_SEQ"), position(t.oid(), rs.getString("COLUMN_NAME")));
        pkName = rs.getString("PK_NAME") == null ? null : pgName(rs.getString("PK_NAME"));
      }
      pk.addAll(ordered.values());
    }
    if (!pk.isEmpty()) {
      keys.add(new Key(pkName == null ? t.name() + "_pkey" : pkName, t.oid(), pk, true, 0, List.of()));
    }
  }

  private String schemaArg(Table t) {
    return sourceNames.get(tables.indexOf(t))[0];
  }

  private String tableArg(Table t) {
    return sourceNames.get(tables.indexOf(t))[1];
  }

  /** The table with this schema and name, or null. */
  Table table(String schema, String name) {
    for (Table t : tables) {
      if (t.schema().equals(schema) && t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
