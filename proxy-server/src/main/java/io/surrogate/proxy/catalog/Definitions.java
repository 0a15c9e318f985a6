package io.surrogate.proxy.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The text PostgreSQL's {@code pg_get_indexdef} and {@code pg_get_constraintdef} return, built from a
 * {@link MetadataSnapshot}, which {@link PgCatalogSchema} keeps for those functions.
 */
final class Definitions {
  private static final Set<String> RESERVED = Set.of("all", "and", "any", "array", "as", "asc", "both", "case",
      "cast", "check", "collate", "column", "constraint", "create", "default", "desc", "distinct", "do", "else",
      "end", "except", "false", "for", "foreign", "from", "grant", "group", "having", "in", "into", "leading",
      "limit", "not", "null", "offset", "on", "only", "or", "order", "primary", "references", "select", "table",
      "then", "to", "trailing", "true", "union", "unique", "user", "using", "when", "where", "with");

  private Definitions() { }

  /** An identifier as PostgreSQL prints it: quoted unless it is lower-case, simple and not reserved. */
  static String quote(String name) {
    if (name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** (index OID, column number, text) triples; column 0 is the whole definition. */
  static List<Object[]> indexRows(MetadataSnapshot s) {
    List<Object[]> rows = new ArrayList<>();
    for (MetadataSnapshot.Index i : s.indexes) {
      MetadataSnapshot.Table t = s.table(i.tableOid());
      List<String> cols = i.columns().stream().map(c -> quote(s.columnName(t.oid(), c))).toList();
      rows.add(new Object[] {i.oid(), 0, (i.unique() ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + quote(i.name())
          + " ON " + quote(t.schema()) + "." + quote(t.name()) + " USING btree (" + String.join(", ", cols) + ")"});
      for (int k = 0; k < cols.size(); k++) {
        rows.add(new Object[] {i.oid(), k + 1, cols.get(k)});
      }
    }
    return rows;
  }

  /** (constraint OID, text) pairs. */
  static List<Object[]> constraintRows(MetadataSnapshot s) {
    List<Object[]> rows = new ArrayList<>();
    for (MetadataSnapshot.Key k : s.keys) {
      rows.add(new Object[] {k.oid(), constraint(s, k)});
    }
    return rows;
  }

  private static String constraint(MetadataSnapshot s, MetadataSnapshot.Key k) {
    String cols = columnList(s, k.tableOid(), k.columns());
    if (k.primary()) {
      return "PRIMARY KEY " + cols;
    }
    MetadataSnapshot.Table ref = s.table(k.refTableOid());
    // Tables in public are visible on the default search path, so PostgreSQL leaves them unqualified.
    String refName = ref.schema().equals("public") ? quote(ref.name()) : quote(ref.schema()) + "." + quote(ref.name());
    StringBuilder sb = new StringBuilder("FOREIGN KEY ").append(cols).append(" REFERENCES ").append(refName)
        .append(columnList(s, ref.oid(), k.refColumns()));
    String onUpdate = ReferentialAction.clause(k.onUpdate());
    String onDelete = ReferentialAction.clause(k.onDelete());
    if (!onUpdate.isEmpty()) {
      sb.append(" ON UPDATE ").append(onUpdate);
    }
    if (!onDelete.isEmpty()) {
      sb.append(" ON DELETE ").append(onDelete);
    }
    return sb.toString();
  }

  private static String columnList(MetadataSnapshot s, int tableOid, List<Short> columns) {
    return columns.stream().map(c -> quote(s.columnName(tableOid, c)))
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
