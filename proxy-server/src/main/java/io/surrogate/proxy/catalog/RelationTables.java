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
      rows.add(attribute(c, c.tableOid(), c.position(), c.notNull(), c.defaultValue() != null));
    }
    for (MetadataSnapshot.Index i : s.indexes) {
      for (int k = 0; k < i.columns().size(); k++) {
        MetadataSnapshot.Column c = column(s, i.tableOid(), i.columns().get(k));
        rows.add(attribute(c, i.oid(), (short) (k + 1), false, false));
      }
    }
    return Tables.of("attrelid:int,attname:text,atttypid:int,attlen:short,attnum:short,atttypmod:int,"
        + "attnotnull:bool,atthasdef:bool,attisdropped:bool,attidentity:text,attgenerated:text,attndims:int,"
        + "attstattarget:int,attcollation:int,attacl:text,attislocal:bool,atthasmissing:bool,attinhcount:int,"
        + "attbyval:bool,attalign:text,attstorage:text,attoptions:text[],attfdwoptions:text[],attcompression:text",
        rows);
  }

  /** One pg_attribute row: column {@code c} as attribute {@code number} of relation {@code relation}. */
  private static Object[] attribute(MetadataSnapshot.Column c, int relation, short number, boolean notNull,
      boolean hasDefault) {
    short size = c.type().size();
    return new Object[] {relation, c.name(), c.type().oid(), size, number, c.typmod(), notNull, hasDefault, false,
        "", "", 0, -1, c.type().isText() ? 100 : 0, null, true, false, 0, size > 0 && size <= 8,
        size == 8 ? "d" : size == 2 ? "s" : size == 4 ? "i" : "c", size > 0 ? "p" : "x", null, null, ""};
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
      List<Integer> collations = new ArrayList<>();
      List<Integer> classes = new ArrayList<>();
      for (Short position : i.columns()) {
        collations.add(column(s, i.tableOid(), position).type().isText() ? 100 : 0);
        // Operator classes are not in JDBC metadata: 0 says "unknown", which clients show as the default.
        classes.add(0);
      }
      rows.add(new Object[] {i.oid(), i.tableOid(), n, n, i.unique(), i.primary(), false, false, true, true, true,
          false, i.columns(), options, null, null, false, false, true, collations, classes});
    }
    return Tables.of("indexrelid:int,indrelid:int,indnatts:short,indnkeyatts:short,indisunique:bool,"
        + "indisprimary:bool,indisexclusion:bool,indisclustered:bool,indimmediate:bool,indisvalid:bool,"
        + "indisready:bool,indisreplident:bool,indkey:short[],indoption:short[],indexprs:text,indpred:text,"
        + "indnullsnotdistinct:bool,indcheckxmin:bool,indislive:bool,indcollation:int[],indclass:int[]", rows);
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

  /**
   * {@code pg_type} rows for the types the proxy speaks, arrays linked to their elements through {@code typelem}
   * and {@code typarray}; {@code typinput} and the other regproc columns name the I/O functions.
   */
  static RowsTable pgType() {
    List<Object[]> rows = new ArrayList<>();
    for (PgType t : PgType.values()) {
      PgType element = t.element();
      PgType array = t.array();
      boolean byVal = t.size() > 0 && t.size() <= 8;
      String io = element == null ? t.typeName() : "array";
      String category = element != null ? "A" : t.isText() ? "S" : category(t);
      rows.add(new Object[] {t.oid(), t.typeName(), MetadataSnapshot.PG_CATALOG_OID, OWNER, t.size(), byVal, "b",
          category, t == PgType.TEXT || t == PgType.BOOL || t == PgType.FLOAT8, true, ",", 0, 
          element == null ? "-" : "array_subscript_handler", element == null ? 0 : element.oid(),
          array == null ? 0 : array.oid(), io + "in", io + "out", io + "recv", io + "send", "-", "-",
          element == null ? "-" : "array_typanalyze", t.size() == 8 ? "d" : t.size() == 2 ? "s" : t.size() == 1
          || t.size() == 16 || t.size() == 64 ? "c" : "i", t.size() > 0 ? "p" : "x", false, 0, -1, 0,
          t.isText() ? 100 : 0, null, null, null});
    }
    return Tables.of("oid:int,typname:text,typnamespace:int,typowner:int,typlen:short,typbyval:bool,"
        + "typtype:text,typcategory:text,typispreferred:bool,typisdefined:bool,typdelim:text,typrelid:int,"
        + "typsubscript:text,typelem:int,typarray:int,typinput:text,typoutput:text,typreceive:text,typsend:text,"
        + "typmodin:text,typmodout:text,typanalyze:text,typalign:text,typstorage:text,typnotnull:bool,"
        + "typbasetype:int,typtypmod:int,typndims:int,typcollation:int,typdefaultbin:text,typdefault:text,"
        + "typacl:text", rows);
  }

  /** PostgreSQL's {@code typcategory} of a scalar type that is not a string. */
  private static String category(PgType t) {
    return switch (t) {
      case BOOL -> "B";
      case INT2, INT4, INT8, OID, FLOAT4, FLOAT8, NUMERIC -> "N";
      case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> "D";
      case UNKNOWN -> "X";
      default -> "U";
    };
  }
}
