package io.surrogate.proxy.catalog;

import io.surrogate.proxy.types.PgType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code pg_proc} and {@code pg_language}: the functions the proxy answers in {@code pg_catalog} (none come from the
 * source, whose routines Surrogate does not serve), numbered with PostgreSQL's own OIDs so that clients which
 * remember them from a real server find the same ones.
 */
final class ProcTables {
  private static final int INTERNAL_LANGUAGE = 12;

  /** One built-in function: name, OID, result type, argument types, whether it returns a set and volatility. */
  private record Proc(String name, int oid, PgType result, boolean set, String volatility, PgType... args) { }

  private static final List<Proc> PROCS = List.of(
      new Proc("current_database", 861, PgType.NAME, false, "s"),
      new Proc("current_schema", 1402, PgType.NAME, false, "s"),
      new Proc("format_type", 1081, PgType.TEXT, false, "s", PgType.OID, PgType.INT4),
      new Proc("generate_series", 1067, PgType.INT4, true, "i", PgType.INT4, PgType.INT4),
      new Proc("pg_backend_pid", 2026, PgType.INT4, false, "s"),
      new Proc("pg_encoding_to_char", 1597, PgType.NAME, false, "s", PgType.INT4),
      new Proc("pg_get_constraintdef", 1387, PgType.TEXT, false, "s", PgType.OID),
      new Proc("pg_get_constraintdef", 2508, PgType.TEXT, false, "s", PgType.OID, PgType.BOOL),
      // PostgreSQL's first argument is a pg_node_tree; the emulated catalog keeps expressions as text.
      new Proc("pg_get_expr", 1716, PgType.TEXT, false, "s", PgType.TEXT, PgType.OID),
      new Proc("pg_get_indexdef", 1643, PgType.TEXT, false, "s", PgType.OID),
      new Proc("pg_get_indexdef", 2507, PgType.TEXT, false, "s", PgType.OID, PgType.INT4, PgType.BOOL),
      new Proc("pg_get_userbyid", 1642, PgType.NAME, false, "s", PgType.OID),
      new Proc("pg_table_is_visible", 2079, PgType.BOOL, false, "s", PgType.OID),
      new Proc("version", 89, PgType.TEXT, false, "s"));

  private ProcTables() { }

  static RowsTable pgProc() {
    List<Object[]> rows = new ArrayList<>();
    for (Proc p : PROCS) {
      List<Integer> args = Arrays.stream(p.args()).map(PgType::oid).toList();
      rows.add(new Object[] {p.oid(), p.name(), MetadataSnapshot.PG_CATALOG_OID, RelationTables.OWNER,
          INTERNAL_LANGUAGE, 1f, p.set() ? 1000f : 0f, 0, "-", "f", false, false, true, p.set(), p.volatility(),
          "s", (short) args.size(), (short) 0, p.result().oid(), args, null, null, null, null, null, p.name(), null,
          null, null, null});
    }
    return Tables.of("oid:int,proname:text,pronamespace:int,proowner:int,prolang:int,procost:real,prorows:real,"
        + "provariadic:int,prosupport:text,prokind:text,prosecdef:bool,proleakproof:bool,proisstrict:bool,"
        + "proretset:bool,provolatile:text,proparallel:text,pronargs:short,pronargdefaults:short,prorettype:int,"
        + "proargtypes:int[],proallargtypes:int[],proargmodes:text[],proargnames:text[],proargdefaults:text,"
        + "protrftypes:int[],prosrc:text,probin:text,prosqlbody:text,proconfig:text[],proacl:text", rows);
  }

  static RowsTable pgLanguage() {
    return Tables.of("oid:int,lanname:text,lanowner:int,lanispl:bool,lanpltrusted:bool,lanplcallfoid:int,"
        + "laninline:int,lanvalidator:int,lanacl:text",
        List.<Object[]>of(new Object[] {INTERNAL_LANGUAGE, "internal", RelationTables.OWNER, false, false, 0, 0, 0,
            null}));
  }
}
