package io.surrogate.proxy.catalog;

import io.surrogate.proxy.types.PgType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code pg_catalog} tables that describe relations, built from a {@link MetadataSnapshot}: {@code pg_class}
 * (tables, views and indexes), {@code pg_attribute}, {@code pg_index} and {@code pg_constraint}.
 */
final class RelationTables {
  static final int OWNER = 10;
  private static final int BTREE = 403;
  private static final int HEAP = 2;
  private static final int RELHASTRIGGERS = 19;

  private RelationTables() { }

  static boolean hasIndex(MetadataSnapshot s, int tableOid) {
    return s.indexes.stream().anyMatch(i -> i.tableOid() == tableOid);
  }

  static RowsTable pgClass(MetadataSnapshot s) {
    List<Object[]> rows = new ArrayList<>();
    Map<Integer, Long> columnCounts = s.columns.stream()
        .collect(Collectors.groupingBy(MetadataSnapshot.Column::tableOid, Collectors.counting()));
    for (MetadataSnapshot.Table t : s.tables) {
      // reltuples and relpages stay unknown (-1, 0): a row count is data, not schema.
      Object[] row = pgClassRow(t.oid(), t.name(), t.schemaOid(), t.view() ? 0 : HEAP, hasIndex(s, t.oid()),
          t.view() ? "v" : "r", columnCounts.getOrDefault(t.oid(), 0L).shortValue());
      // PostgreSQL enforces foreign keys with triggers on both tables; psql shows key sections only then.
      row[RELHASTRIGGERS] = s.keys.stream().anyMatch(k -> !k.primary()
          && (k.tableOid() == t.oid() || k.refTableOid() == t.oid()));
      rows.add(row);
    }
    for (MetadataSnapshot.Index i : s.indexes) {
      rows.add(pgClassRow(i.oid(), i.name(), s.table(i.tableOid()).schemaOid(), BTREE, false, "i",
          (short) i.columns().size()));
    }
    return Tables.of("oid:int,relname:text,relnamespace:int,reltype:int,reloftype:int,relowner:int,relam:int,"
        + "relfilenode:int,reltablespace:int,relpages:int,reltuples:real,reltoastrelid:int,relhasindex:bool,"
        + "relisshared:bool,relpersistence:text,relkind:text,relnatts:short,relchecks:short,relhasrules:bool,"
        + "relhastriggers:bool,relhassubclass:bool,relrowsecurity:bool,relforcerowsecurity:bool,"
        + "relispopulated:bool,relreplident:text,relispartition:bool,relacl:text,reloptions:text,"
        + "relpartbound:text", rows);
  }

  private static Object[] pgClassRow(int oid, String name, int namespace, int am, boolean hasIndex, String kind,
      short natts) {
    return new Object[] {oid, name, namespace, 0, 0, OWNER, am, 0, 0, 0, -1f, 0, hasIndex, false, "p", kind,
        natts, (short) 0, false, false, false, false, false, true, "d", false, null, null, null};
  }

  static RowsTable pgAttribute(MetadataSnapshot s) {
    List<Object[]> rows = new ArrayList<>();
    for (MetadataSnapshot.Column c : s.columns) {
      rows.add(new Object[] {c.tableOid(), c.name(), c.type().oid(), c.type().size(), c.position(), c.typmod(),
          c.notNull(), c.defaultValue() != null, false, "", "", 0, -1, c.type().isText() ? 100 : 0, null, true,
          false});
    }
    for (MetadataSnapshot.Index i : s.indexes) {
      for (int k = 0; k < i.columns().size(); k++) {
        MetadataSnapshot.Column c = column(s, i.tableOid(), i.columns().get(k));
        rows.add(new Object[] {i.oid(), c.name(), c.type().oid(), c.type().size(), (short) (k + 1), c.typmod(),
            false, false, false, "", "", 0, -1, c.type().isText() ? 100 : 0, null, true, false});
      }
    }
    return Tables.of("attrelid:int,attname:text,atttypid:int,attlen:short,attnum:short,atttypmod:int,"
        + "attnotnull:bool,atthasdef:bool,attisdropped:bool,attidentity:text,attgenerated:text,attndims:int,"
        + "attstattarget:int,attcollation:int,attacl:text,attislocal:bool,atthasmissing:bool", rows);
  }

  private static MetadataSnapshot.Column column(MetadataSnapshot s, int tableOid, short position) {
    return s.columns.stream().filter(c -> c.tableOid() == tableOid && c.position() == position).findFirst()
        .orElseThrow();
  }

  static RowsTable pgIndex(MetadataSnapshot s) {
    List<Object[]> rows = new ArrayList<>();
    for (MetadataSnapshot.Index i : s.indexes) {
      short n = (short) i.columns().size();
      List<Short> options = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        options.add((short) 0);
      }
      rows.add(new Object[] {i.oid(), i.tableOid(), n, n, i.unique(), i.primary(), false, false, true, true, true,
          false, i.columns(), options, null, null});
    }
    return Tables.of("indexrelid:int,indrelid:int,indnatts:short,indnkeyatts:short,indisunique:bool,"
        + "indisprimary:bool,indisexclusion:bool,indisclustered:bool,indimmediate:bool,indisvalid:bool,"
        + "indisready:bool,indisreplident:bool,indkey:short[],indoption:short[],indexprs:text,indpred:text", rows);
  }

  static RowsTable pgConstraint(MetadataSnapshot s) {
    List<Object[]> rows = new ArrayList<>();
    for (MetadataSnapshot.Key k : s.keys) {
      MetadataSnapshot.Table t = s.table(k.tableOid());
      rows.add(new Object[] {k.oid(), k.name(), t.schemaOid(), k.primary() ? "p" : "f", false, false, true,
          k.tableOid(), 0, k.indexOid(), 0, k.refTableOid(), String.valueOf(k.onUpdate()).strip(),
          String.valueOf(k.onDelete()).strip(), k.primary() ? " " : "s", true, 0, true, k.columns(),
          k.primary() ? null : k.refColumns(), null});
    }
    return Tables.of("oid:int,conname:text,connamespace:int,contype:text,condeferrable:bool,condeferred:bool,"
        + "convalidated:bool,conrelid:int,contypid:int,conindid:int,conparentid:int,confrelid:int,"
        + "confupdtype:text,confdeltype:text,confmatchtype:text,conislocal:bool,coninhcount:int,"
        + "connoinherit:bool,conkey:short[],confkey:short[],conbin:text", rows);
  }

  /** {@code pg_type} rows for the types the proxy speaks; {@code typinput} names the input function. */
  static RowsTable pgType() {
    List<Object[]> rows = new ArrayList<>();
    for (PgType t : PgType.values()) {
      boolean byVal = t.size() > 0 && t.size() <= 8;
      rows.add(new Object[] {t.oid(), t.typeName(), MetadataSnapshot.PG_CATALOG_OID, OWNER, t.size(), byVal, "b",
          t.isText() ? "S" : "U", true, ",", 0, 0, 0, 0, -1, false, 0, null, t.typeName() + "in",
          t.typeName() + "out", t.isText() ? 100 : 0});
    }
    return Tables.of("oid:int,typname:text,typnamespace:int,typowner:int,typlen:short,typbyval:bool,"
        + "typtype:text,typcategory:text,typisdefined:bool,typdelim:text,typrelid:int,typelem:int,typarray:int,"
        + "typbasetype:int,typtypmod:int,typnotnull:bool,typndims:int,typdefault:text,typinput:text,"
        + "typoutput:text,typcollation:int", rows);
  }
}
