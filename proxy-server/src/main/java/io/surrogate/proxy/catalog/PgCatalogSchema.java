package io.surrogate.proxy.catalog;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.schema.impl.TableFunctionImpl;

/**
 * {@code pg_catalog} answered from a {@link MetadataSnapshot}: the subset of PostgreSQL's catalog columns that
 * psql, pgJDBC and DBeaver read. Statistics views are empty: row counts and value distributions are data.
 */
public final class PgCatalogSchema extends AbstractSchema {
  private static final int OWNER = RelationTables.OWNER;
  private static final Multimap<String, Function> FUNCTIONS = ImmutableMultimap.<String, Function>builder()
      .put("format_type", ScalarFunctionImpl.create(PgFunctions.class, "formatType"))
      .put("generate_series", TableFunctionImpl.create(PgFunctions.class, "generateSeries"))
      .put("pg_get_indexdef", new SnapshotFunction("indexDefinition", 2))
      .put("pg_get_constraintdef", new SnapshotFunction("constraintDefinition", 1))
      .put("obj_description", new SnapshotFunction("objectDescription", 1))
      .put("col_description", new SnapshotFunction("columnDescription", 2))
      .build();
  /** The tables this schema serves; PostgreSQL finds them unqualified, since pg_catalog is always searched. */
  public static final Set<String> TABLE_NAMES = Set.of("pg_namespace", "pg_class", "pg_attribute", "pg_type", "pg_database",
      "pg_settings", "pg_index", "pg_constraint", "pg_collation", "pg_policy",
      "pg_trigger", "pg_inherits", "pg_publication", "pg_publication_namespace", "pg_publication_rel",
      "pg_statistic_ext", "pg_attrdef", "pg_description", "pg_proc", "pg_roles",
      "pg_user", "pg_am", "pg_tablespace", "pg_tables", "pg_views",
      "pg_stats", "pg_statistic", "pg_stats_ext", "pg_language", "pg_enum", "pg_depend", "pg_shdescription",
      "pg_rewrite", "pg_extension", "pg_event_trigger");
  private final Map<String, Table> tables = new HashMap<>();
  private final Map<Long, String> indexDefinitions = new HashMap<>();
  private final Map<Integer, String> constraintDefinitions = new HashMap<>();
  private final Map<Long, String> descriptions = new HashMap<>();

  PgCatalogSchema(MetadataSnapshot s, String database, String user, Map<String, String> settings) {
    tables.put("pg_namespace", Tables.of("oid:int,nspname:text,nspowner:int,nspacl:text",
        s.schemas.entrySet().stream().map(e -> new Object[] {e.getValue(), e.getKey(), OWNER, null}).toList()));
    tables.put("pg_class", RelationTables.pgClass(s));
    tables.put("pg_attribute", RelationTables.pgAttribute(s));
    tables.put("pg_type", RelationTables.pgType());
    tables.put("pg_database", Tables.of("oid:int,datname:text,datdba:int,encoding:int,datcollate:text,"
        + "datctype:text,datistemplate:bool,datallowconn:bool,datconnlimit:int,dattablespace:int,datacl:text,"
        + "daticulocale:text,datlocprovider:text",
        List.<Object[]>of(new Object[] {1, database, OWNER, 6, "C", "C", false, true, -1, 1663, null, null, "c"})));
    tables.put("pg_settings", Tables.of("name:text,setting:text,unit:text,category:text,short_desc:text,"
        + "context:text,vartype:text,source:text", settings.entrySet().stream()
        .map(e -> new Object[] {e.getKey(), e.getValue(), null, "Surrogate", "", "user", "string", "session"})
        .toList()));
    tables.put("pg_index", RelationTables.pgIndex(s));
    tables.put("pg_constraint", RelationTables.pgConstraint(s));
    for (Object[] row : Definitions.indexRows(s)) {
      indexDefinitions.put(key((Integer) row[0], (Integer) row[1]), (String) row[2]);
    }
    for (Object[] row : Definitions.constraintRows(s)) {
      constraintDefinitions.put((Integer) row[0], (String) row[1]);
    }
    tables.put("pg_collation", Tables.of("oid:int,collname:text,collnamespace:int,collprovider:text",
        List.<Object[]>of(new Object[] {100, "default", MetadataSnapshot.PG_CATALOG_OID, "d"})));
    // Row-level security, triggers, inheritance, publications and statistics objects are not part of the schema
    // Surrogate serves: the tables exist, empty, so clients that ask get "none".
    tables.put("pg_policy", Tables.empty("oid:int,polname:text,polrelid:int,polcmd:text,polpermissive:bool,"
        + "polroles:int[],polqual:text,polwithcheck:text"));
    tables.put("pg_trigger", Tables.empty("oid:int,tgrelid:int,tgparentid:int,tgname:text,tgfoid:int,"
        + "tgenabled:text,tgisinternal:bool"));
    // Surrogate serves no rules, extensions or event triggers; clients that list them get none.
    tables.put("pg_rewrite", Tables.empty("oid:int,rulename:text,ev_class:int,ev_type:text,ev_enabled:text,"
        + "is_instead:bool,ev_qual:text,ev_action:text"));
    tables.put("pg_extension", Tables.empty("oid:int,extname:text,extowner:int,extnamespace:int,"
        + "extrelocatable:bool,extversion:text,extconfig:int[],extcondition:text[]"));
    tables.put("pg_event_trigger", Tables.empty("oid:int,evtname:text,evtevent:text,evtowner:int,evtfoid:int,"
        + "evtenabled:text,evttags:text[]"));
    tables.put("pg_inherits", Tables.empty("inhrelid:int,inhparent:int,inhseqno:int,inhdetachpending:bool"));
    tables.put("pg_publication", Tables.empty("oid:int,pubname:text,pubowner:int,puballtables:bool"));
    tables.put("pg_publication_namespace", Tables.empty("oid:int,pnpubid:int,pnnspid:int"));
    tables.put("pg_publication_rel", Tables.empty("oid:int,prpubid:int,prrelid:int,prqual:text,prattrs:short[]"));
    tables.put("pg_statistic_ext", Tables.empty("oid:int,stxrelid:int,stxname:text,stxnamespace:int,"
        + "stxowner:int,stxstattarget:int,stxkeys:short[],stxkind:text[]"));
    tables.put("pg_attrdef", Tables.of("oid:int,adrelid:int,adnum:short,adbin:text", s.columns.stream()
        .filter(c -> c.defaultValue() != null)
        .map(c -> new Object[] {c.tableOid() * 1000 + c.position(), c.tableOid(), c.position(), c.defaultValue()})
        .toList()));
    tables.put("pg_description", Tables.of("objoid:int,classoid:int,objsubid:int,description:text", s.descriptions));
    for (Object[] d : s.descriptions) {
      descriptions.put(key((Integer) d[0], (Integer) d[2]), (String) d[3]);
    }
    tables.put("pg_proc", ProcTables.pgProc());
    tables.put("pg_language", ProcTables.pgLanguage());
    // No enum types, dependencies (sequences owned by columns) or shared comments exist in the served schema.
    tables.put("pg_enum", Tables.empty("oid:int,enumtypid:int,enumsortorder:real,enumlabel:text"));
    tables.put("pg_depend", Tables.empty("classid:int,objid:int,objsubid:int,refclassid:int,refobjid:int,"
        + "refobjsubid:int,deptype:text"));
    tables.put("pg_shdescription", Tables.empty("objoid:int,classoid:int,description:text"));
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
        .filter(t -> !t.view()).map(t -> new Object[] {t.schema(), t.name(), user, null, RelationTables.hasIndex(s, t.oid()), false,
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
    checkNames();
  }

  private void checkNames() {
    if (!tables.keySet().equals(TABLE_NAMES)) {
      throw new IllegalStateException("pg_catalog tables " + tables.keySet() + " (expected: " + TABLE_NAMES + ")");
    }
  }

  /** Key of a relation's (or index's) column; column 0 stands for the relation itself. */
  private static long key(int oid, int column) {
    return ((long) oid << 16) | column;
  }

  /** {@code pg_get_indexdef}: the CREATE INDEX statement (column 0) or the name of one key column; else null. */
  String indexDefinition(int index, int column) {
    return indexDefinitions.get(key(index, column));
  }

  /** {@code pg_get_constraintdef}, or null for an unknown OID. */
  String constraintDefinition(int constraint) {
    return constraintDefinitions.get(constraint);
  }

  /** {@code obj_description} and {@code col_description}: the source's comment, or null. */
  String description(int tableOid, int column) {
    return descriptions.get(key(tableOid, column));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    return FUNCTIONS;
  }
}
