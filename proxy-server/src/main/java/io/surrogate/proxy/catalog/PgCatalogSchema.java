package io.surrogate.proxy.catalog;

import io.surrogate.proxy.types.PgType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * {@code pg_catalog} answered from a {@link MetadataSnapshot}: the subset of PostgreSQL's catalog columns that
 * psql, pgJDBC and DBeaver read. Statistics views are empty: row counts and value distributions are data.
 */
public final class PgCatalogSchema extends AbstractSchema {
  private static final int OWNER = 10;
  private static final int INDEX_OID_BASE = 1_000_000;
  private final Map<String, Table> tables = new HashMap<>();

  PgCatalogSchema(MetadataSnapshot s, String database, String user, Map<String, String> settings) {
    tables.put("pg_namespace", Tables.of("oid:int,nspname:text,nspowner:int,nspacl:text",
        s.schemas.entrySet().stream().map(e -> new Object[] {e.getValue(), e.getKey(), OWNER, null}).toList()));
    tables.put("pg_class", pgClass(s));
    tables.put("pg_attribute", pgAttribute(s));
    tables.put("pg_type", pgType());
    tables.put("pg_database", Tables.of("oid:int,datname:text,datdba:int,encoding:int,datcollate:text,"
        + "datctype:text,datistemplate:bool,datallowconn:bool,datconnlimit:int,dattablespace:int,datacl:text,"
        + "daticulocale:text,datlocprovider:text",
        List.<Object[]>of(new Object[] {1, database, OWNER, 6, "C", "C", false, true, -1, 1663, null, null, "c"})));
    tables.put("pg_settings", Tables.of("name:text,setting:text,unit:text,category:text,short_desc:text,"
        + "context:text,vartype:text,source:text", settings.entrySet().stream()
        .map(e -> new Object[] {e.getKey(), e.getValue(), null, "Surrogate", "", "user", "string", "session"})
        .toList()));
    tables.put("pg_index", pgIndex(s));
    tables.put("pg_constraint", pgConstraint(s));
    tables.put("pg_attrdef", Tables.of("oid:int,adrelid:int,adnum:short,adbin:text", s.columns.stream()
        .filter(c -> c.defaultValue() != null)
        .map(c -> new Object[] {c.tableOid() * 1000 + c.position(), c.tableOid(), c.position(), c.defaultValue()})
        .toList()));
    tables.put("pg_description", Tables.empty("objoid:int,classoid:int,objsubid:int,description:text"));
    tables.put("pg_proc", Tables.empty("oid:int,proname:text,pronamespace:int,prorettype:int,proargtypes:text,"
        + "prokind:text,proretset:bool,prolang:int"));
    tables.put("pg_roles", Tables.of("oid:int,rolname:text,rolsuper:bool,rolinherit:bool,rolcreaterole:bool,"
        + "rolcreatedb:bool,rolcanlogin:bool,rolconnlimit:int",
        List.<Object[]>of(new Object[] {OWNER, user, false, true, false, false, true, -1})));
    tables.put("pg_user", Tables.of("usename:text,usesysid:int,usecreatedb:bool,usesuper:bool",
        List.<Object[]>of(new Object[] {user, OWNER, false, false})));
    tables.put("pg_am", Tables.of("oid:int,amname:text,amtype:text",
        List.<Object[]>of(new Object[] {403, "btree", "i"}, new Object[] {2, "heap", "t"})));
    tables.put("pg_tablespace", Tables.of("oid:int,spcname:text,spcowner:int",
        List.<Object[]>of(new Object[] {1663, "pg_default", OWNER})));
    tables.put("pg_tables", Tables.of("schemaname:text,tablename:text,tableowner:text,tablespace:text,"
        + "hasindexes:bool,hasrules:bool,hastriggers:bool,rowsecurity:bool", s.tables.stream()
        .filter(t -> !t.view()).map(t -> new Object[] {t.schema(), t.name(), user, null, hasKey(s, t.oid()), false,
            false, false}).toList()));
    tables.put("pg_views", Tables.of("schemaname:text,viewname:text,viewowner:text,definition:text",
        s.tables.stream().filter(MetadataSnapshot.Table::view)
            .map(t -> new Object[] {t.schema(), t.name(), user, null}).toList()));
    tables.put("pg_stats", Tables.empty("schemaname:text,tablename:text,attname:text,inherited:bool,"
        + "null_frac:real,avg_width:int,n_distinct:real,most_common_vals:text,most_common_freqs:text,"
        + "histogram_bounds:text,correlation:real"));
    tables.put("pg_statistic", Tables.empty("starelid:int,staattnum:short,stainherit:bool,stanullfrac:real,"
        + "stawidth:int,stadistinct:real"));
    tables.put("pg_stats_ext", Tables.empty("schemaname:text,tablename:text,statistics_schemaname:text,"
        + "statistics_name:text,attnames:text,n_distinct:text,dependencies:text,most_common_vals:text"));
  }

  private static boolean hasKey(MetadataSnapshot s, int tableOid) {
    return s.keys.stream().anyMatch(k -> k.primary() && k.tableOid() == tableOid);
  }

  private static RowsTable pgClass(MetadataSnapshot s) {
    List<Object[]> rows = new ArrayList<>();
    Map<Integer, Long> columnCounts = s.columns.stream()
        .collect(Collectors.groupingBy(MetadataSnapshot.Column::tableOid, Collectors.counting()));
    for (MetadataSnapshot.Table t : s.tables) {
      // reltuples and relpages stay unknown (-1, 0): a row count is data, not schema.
      rows.add(new Object[] {t.oid(), t.name(), t.schemaOid(), 0, OWNER, t.view() ? 0 : 2, -1f, 0,
          hasKey(s, t.oid()), "p", t.view() ? "v" : "r", columnCounts.getOrDefault(t.oid(), 0L).shortValue(),
          false, false, false, true, null, null});
    }
    int i = 0;
    for (MetadataSnapshot.Key k : s.keys) {
      if (k.primary()) {
        MetadataSnapshot.Table t = byOid(s, k.tableOid());
        rows.add(new Object[] {INDEX_OID_BASE + i, k.name(), t.schemaOid(), 0, OWNER, 403, -1f, 0, false, "p",
            "i", (short) k.columns().size(), false, false, false, true, null, null});
      }
      i++;
    }
    return Tables.of("oid:int,relname:text,relnamespace:int,reltype:int,relowner:int,relam:int,reltuples:real,"
        + "relpages:int,relhasindex:bool,relpersistence:text,relkind:text,relnatts:short,relhasrules:bool,"
        + "relhastriggers:bool,relrowsecurity:bool,relispopulated:bool,relacl:text,reloptions:text", rows);
  }

  private static MetadataSnapshot.Table byOid(MetadataSnapshot s, int oid) {
    return s.tables.stream().filter(t -> t.oid() == oid).findFirst().orElseThrow();
  }

  private static RowsTable pgAttribute(MetadataSnapshot s) {
    List<Object[]> rows = new ArrayList<>();
    for (MetadataSnapshot.Column c : s.columns) {
      int typmod = c.type() == PgType.VARCHAR && c.size() > 0 && c.size() < 10_485_760 ? c.size() + 4 : -1;
      rows.add(new Object[] {c.tableOid(), c.name(), c.type().oid(), c.type().size(), c.position(), typmod,
          c.notNull(), c.defaultValue() != null, false, "", "", 0, -1, 0, null});
    }
    return Tables.of("attrelid:int,attname:text,atttypid:int,attlen:short,attnum:short,atttypmod:int,"
        + "attnotnull:bool,atthasdef:bool,attisdropped:bool,attidentity:text,attgenerated:text,attndims:int,"
        + "attstattarget:int,attcollation:int,attacl:text", rows);
  }

  private static RowsTable pgType() {
    List<Object[]> rows = new ArrayList<>();
    for (PgType t : PgType.values()) {
      boolean byVal = t.size() > 0 && t.size() <= 8;
      rows.add(new Object[] {t.oid(), t.typeName(), MetadataSnapshot.PG_CATALOG_OID, OWNER, t.size(), byVal, "b",
          t.isText() ? "S" : "U", true, ",", 0, 0, 0, 0, -1, false, 0, null});
    }
    return Tables.of("oid:int,typname:text,typnamespace:int,typowner:int,typlen:short,typbyval:bool,"
        + "typtype:text,typcategory:text,typisdefined:bool,typdelim:text,typrelid:int,typelem:int,typarray:int,"
        + "typbasetype:int,typtypmod:int,typnotnull:bool,typndims:int,typdefault:text", rows);
  }

  private static RowsTable pgIndex(MetadataSnapshot s) {
    List<Object[]> rows = new ArrayList<>();
    int i = 0;
    for (MetadataSnapshot.Key k : s.keys) {
      if (k.primary()) {
        String indkey = k.columns().stream().map(String::valueOf).collect(Collectors.joining(" "));
        rows.add(new Object[] {INDEX_OID_BASE + i, k.tableOid(), (short) k.columns().size(), true, true, true,
            indkey, null, null});
      }
      i++;
    }
    return Tables.of("indexrelid:int,indrelid:int,indnatts:short,indisunique:bool,indisprimary:bool,"
        + "indisvalid:bool,indkey:text,indexprs:text,indpred:text", rows);
  }

  private static RowsTable pgConstraint(MetadataSnapshot s) {
    List<Object[]> rows = new ArrayList<>();
    int i = 0;
    for (MetadataSnapshot.Key k : s.keys) {
      MetadataSnapshot.Table t = byOid(s, k.tableOid());
      rows.add(new Object[] {INDEX_OID_BASE / 2 + i, k.name(), t.schemaOid(), k.primary() ? "p" : "f", false,
          false, true, k.tableOid(), k.primary() ? INDEX_OID_BASE + i : 0, k.refTableOid(), "a", "a", "s",
          array(k.columns()), k.primary() ? null : array(k.refColumns())});
      i++;
    }
    return Tables.of("oid:int,conname:text,connamespace:int,contype:text,condeferrable:bool,condeferred:bool,"
        + "convalidated:bool,conrelid:int,conindid:int,confrelid:int,confupdtype:text,confdeltype:text,"
        + "confmatchtype:text,conkey:text,confkey:text", rows);
  }

  private static String array(List<Short> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
