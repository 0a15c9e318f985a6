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
  /** Calcite's largest VARCHAR, which stands for a string of no declared length. */
  static final int UNBOUNDED_VARCHAR = 65_536;

  record Table(int oid, String schema, int schemaOid, String name, boolean view) { }

  record Column(int tableOid, String table, String schema, short position, String name, PgType type,
      String typeName, boolean notNull, String defaultValue, int size, int scale) {
    /** PostgreSQL's {@code atttypmod}: declared length or precision and scale, else -1. */
    int typmod() {
      if (type == PgType.VARCHAR || type == PgType.BPCHAR) {
        return size > 0 && size < 10_485_760 ? size + 4 : -1;
      }
      if (type == PgType.NUMERIC) {
        return size > 0 && size <= 1000 && scale >= 0 && scale <= size ? ((size << 16) | scale) + 4 : -1;
      }
      return -1;
    }
  }

  /** A primary key ({@code primary}) or foreign key constraint; {@code indexOid} is the index that enforces it. */
  record Key(int oid, String name, int tableOid, List<Short> columns, boolean primary, int refTableOid,
      List<Short> refColumns, int indexOid, char onUpdate, char onDelete) { }

  /** An index on plain columns (expression indexes are left out: their text is not in JDBC metadata). */
  record Index(int oid, String name, int tableOid, List<Short> columns, boolean unique, boolean primary) { }

  final Map<String, Integer> schemas = new LinkedHashMap<>();
  final List<Table> tables = new ArrayList<>();
  final List<Column> columns = new ArrayList<>();
  final List<Key> keys = new ArrayList<>();
  final List<Index> indexes = new ArrayList<>();
  /** {@code pg_description} rows {objoid, classoid, objsubid, description}: the source's table and column comments. */
  final List<Object[]> descriptions = new ArrayList<>();
  /** Schema and table name as the engine spells them, parallel to {@link #tables}, for metadata calls. */
  private final List<String[]> sourceNames = new ArrayList<>();

  /**
   * The name a PostgreSQL client sees: names the engine reports in upper case (H2, Oracle style) are shown
   * folded to lower case, as PostgreSQL would store them unquoted; mixed-case names stay as they are.
   */
  static String pgName(String name) {
    return name.equals(name.toUpperCase(Locale.ROOT)) ? name.toLowerCase(Locale.ROOT) : name;
  }

  /** The table with this OID. */
  Table table(int oid) {
    return tables.stream().filter(t -> t.oid() == oid).findFirst().orElseThrow();
  }

  /** The name of column {@code position} of table {@code tableOid}. */
  String columnName(int tableOid, short position) {
    for (Column c : columns) {
      if (c.tableOid() == tableOid && c.position() == position) {
        return c.name();
      }
    }
    throw new IllegalArgumentException("column " + position + " of table " + tableOid + " (expected: a column)");
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
        found.put(schema + "\u0000" + pgName(table), new String[] {schema, pgName(table), type, sourceSchema, table,
            rs.getString("REMARKS")});
      }
    }
    int nextOid = FIRST_USER_OID;
    for (String[] t : found.values()) {
      if (!s.schemas.containsKey(t[0])) {
        s.schemas.put(t[0], t[0].equals("public") ? PUBLIC_OID : nextOid++);
      }
    }
    for (String[] t : found.values()) {
      Table table = new Table(nextOid++, t[0], s.schemas.get(t[0]), t[1], "VIEW".equalsIgnoreCase(t[2]));
      s.tables.add(table);
      s.sourceNames.add(new String[] {t[3], t[4]});
      s.describe(table.oid(), 0, t[5]);
    }
    for (Table t : s.tables) {
      s.readColumns(md, t);
    }
    IndexReader indexReader = new IndexReader(s);
    for (Table t : s.tables) {
      if (!t.view()) {
        indexReader.read(md, t, s.schemaArg(t), s.tableArg(t));
      }
    }
    List<Object[]> foreign = new ArrayList<>();
    for (Table t : s.tables) {
      foreign.addAll(s.readForeignKeys(md, t));
    }
    // Constraint OIDs follow the index OIDs, in table order: primary keys first, then foreign keys.
    int next = indexReader.nextOid();
    List<Key> primaries = new ArrayList<>();
    for (Index i : s.indexes) {
      if (i.primary()) {
        primaries.add(new Key(next++, i.name(), i.tableOid(), i.columns(), true, 0, List.of(), i.oid(), ' ', ' '));
      }
    }
    s.keys.addAll(primaries);
    for (Object[] f : foreign) {
      @SuppressWarnings("unchecked")
      List<Short> cols = (List<Short>) f[2];
      @SuppressWarnings("unchecked")
      List<Short> refCols = (List<Short>) f[4];
      s.keys.add(new Key(next++, (String) f[0], (Integer) f[1], List.copyOf(cols), false, (Integer) f[3],
          List.copyOf(refCols), s.uniqueIndexOn((Integer) f[3], refCols), (Character) f[5], (Character) f[6]));
    }
    return s;
  }

  /** The OID of a unique index of {@code tableOid} over exactly {@code columns} (any order), or 0. */
  private int uniqueIndexOn(int tableOid, List<Short> columns) {
    int found = 0;
    for (Index i : indexes) {
      if (i.tableOid() == tableOid && i.unique() && i.columns().size() == columns.size()
          && i.columns().containsAll(columns)) {
        if (i.primary()) {
          return i.oid();
        }
        found = found == 0 ? i.oid() : found;
      }
    }
    return found;
  }

  private void readColumns(DatabaseMetaData md, Table t) throws SQLException {
    try (ResultSet rs = md.getColumns(null, schemaArg(t), tableArg(t), "%")) {
      while (rs.next()) {
        String typeName = rs.getString("TYPE_NAME");
        PgType type = PgType.ofJdbc(rs.getInt("DATA_TYPE"), typeName);
        if (type == PgType.VARCHAR && rs.getInt("COLUMN_SIZE") >= UNBOUNDED_VARCHAR) {
          // The engine caps an unbounded string (PostgreSQL's text) at its largest VARCHAR; clients should see text.
          type = PgType.TEXT;
        }
        columns.add(new Column(t.oid(), t.name(), t.schema(), (short) rs.getInt("ORDINAL_POSITION"),
            pgName(rs.getString("COLUMN_NAME")), type, typeName, rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls,
            rs.getString("COLUMN_DEF"), rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS")));
        describe(t.oid(), rs.getInt("ORDINAL_POSITION"), rs.getString("REMARKS"));
      }
    }
  }

  /** PostgreSQL's class OID of pg_class, under which table and column comments are filed. */
  static final int PG_CLASS_OID = 1259;

  private void describe(int tableOid, int column, String remark) {
    if (remark != null && !remark.isBlank()) {
      descriptions.add(new Object[] {tableOid, PG_CLASS_OID, column, remark});
    }
  }

  short position(int tableOid, String column) {
    for (Column c : columns) {
      if (c.tableOid() == tableOid && c.name().equals(pgName(column))) {
        return c.position();
      }
    }
    return 0;
  }

  /**
   * The foreign keys of {@code t} as {name, table OID, columns, referenced table OID, referenced columns, update
   * rule, delete rule}, grouped by constraint name in key-sequence order.
   */
  private List<Object[]> readForeignKeys(DatabaseMetaData md, Table t) throws SQLException {
    Map<String, Object[]> byName = new LinkedHashMap<>();
    try (ResultSet rs = md.getImportedKeys(null, schemaArg(t), tableArg(t))) {
      while (rs.next()) {
        String pkSchema = rs.getString("PKTABLE_SCHEM");
        Table ref = table(pkSchema == null ? "public" : pgName(pkSchema), pgName(rs.getString("PKTABLE_NAME")));
        if (ref == null) {
          continue;
        }
        String name = rs.getString("FK_NAME") == null ? null : pgName(rs.getString("FK_NAME"));
        if (name == null) {
          name = t.name() + "_" + pgName(rs.getString("FKCOLUMN_NAME")) + "_fkey";
        }
        char onUpdate = ReferentialAction.code(rs.getInt("UPDATE_RULE"));
        char onDelete = ReferentialAction.code(rs.getInt("DELETE_RULE"));
        Object[] k = byName.computeIfAbsent(name, n -> new Object[] {n, t.oid(), new ArrayList<Short>(), ref.oid(),
            new ArrayList<Short>(), onUpdate, onDelete});
        @SuppressWarnings("unchecked")
        List<Short> cols = (List<Short>) k[2];
        @SuppressWarnings("unchecked")
        List<Short> refCols = (List<Short>) k[4];
        cols.add(position(t.oid(), rs.getString("FKCOLUMN_NAME")));
        refCols.add(position(ref.oid(), rs.getString("PKCOLUMN_NAME")));
      }
    }
    return new ArrayList<>(byName.values());
  }

  String schemaArg(Table t) {
    return sourceNames.get(tables.indexOf(t))[0];
  }

  String tableArg(Table t) {
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
