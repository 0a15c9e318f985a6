package io.surrogate.catalog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The source tables a policy's entries resolved to: each entry names exactly one table of the source, matched by
 * the name a PostgreSQL client uses for it ({@link TableName#visible}), so a table the policy does not name never
 * gets an entry's mode, whatever its spelling.
 */
final class PolicyBinding {
  /** Schemas of the source's own catalog: never served, never matched. */
  private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog", "pg_toast",
      "performance_schema", "mysql", "sys");

  private final String servedSchema;
  private final Map<SourceTable, TablePolicy> byTable;
  /** Served-schema tables by the source's spelling. */
  private final Map<String, SourceTable> bySpelling;
  /** Served-schema tables by the name a client uses; null values mark names several tables share. */
  private final Map<String, SourceTable> byVisible;

  private PolicyBinding(String servedSchema, Map<SourceTable, TablePolicy> byTable,
      Map<String, SourceTable> bySpelling, Map<String, SourceTable> byVisible) {
    this.servedSchema = servedSchema;
    this.byTable = byTable;
    this.bySpelling = bySpelling;
    this.byVisible = byVisible;
  }

  static PolicyBinding resolve(Connection source, String schema, Map<String, TablePolicy> entries, String fileName)
      throws SQLException {
    DatabaseMetaData meta = source.getMetaData();
    boolean foldsUpper = meta.storesUpperCaseIdentifiers();
    String served = schema != null ? schema : currentSchema(source);
    List<SourceTable> all = new ArrayList<>();
    try (ResultSet rs = meta.getTables(source.getCatalog(), null, "%", null)) {
      while (rs.next()) {
        String s = rs.getString("TABLE_SCHEM");
        if (s != null && SYSTEM_SCHEMAS.contains(s.toLowerCase(Locale.ROOT))) {
          continue;
        }
        String type = rs.getString("TABLE_TYPE");
        if (type != null && type.toUpperCase(Locale.ROOT).contains("SYSTEM")) {
          continue;
        }
        all.add(new SourceTable(rs.getString("TABLE_CAT"), s, rs.getString("TABLE_NAME")));
      }
    }
    Map<String, SourceTable> bySpelling = new HashMap<>();
    Map<String, SourceTable> byVisible = new HashMap<>();
    for (SourceTable t : all) {
      if (Objects.equals(t.schema(), served) || served == null) {
        bySpelling.put(t.name(), t);
        String v = TableName.visible(t.name(), foldsUpper);
        byVisible.put(v, byVisible.containsKey(v) ? null : t);
      }
    }
    Map<SourceTable, TablePolicy> byTable = new LinkedHashMap<>();
    for (Map.Entry<String, TablePolicy> e : entries.entrySet()) {
      TableName key = TableName.parse(e.getKey());
      List<SourceTable> matches = new ArrayList<>();
      for (SourceTable t : all) {
        boolean schemaOk = key.schema() == null
            ? served == null || Objects.equals(t.schema(), served)
            : t.schema() != null && key.schema().equals(TableName.visible(t.schema(), foldsUpper));
        if (schemaOk && key.name().equals(TableName.visible(t.name(), foldsUpper))) {
          matches.add(t);
        }
      }
      if (matches.size() != 1) {
        throw SqlState.UNDEFINED_TABLE.create("policy " + fileName + ": table " + quoted(e.getKey())
            + (matches.isEmpty()
                ? " does not exist in the source" + closest(key, all, foldsUpper)
                : " matches several tables of the source (" + String.join(", ",
                    matches.stream().map(PolicyBinding::describe).toList()) + "; quote the entry to pick one)"));
      }
      byTable.put(matches.get(0), e.getValue());
    }
    for (Map.Entry<SourceTable, TablePolicy> e : List.copyOf(byTable.entrySet())) {
      // a partition holds rows of its partitioned table, so it is as sensitive (or as public) as that table
      for (String[] p : Partitions.of(source, e.getKey().schema(), e.getKey().name())) {
        SourceTable partition = new SourceTable(e.getKey().catalog(), p[0], p[1]);
        byTable.putIfAbsent(partition, e.getValue().withName(p[1]));
      }
    }
    return new PolicyBinding(served, Map.copyOf(byTable), bySpelling, byVisible);
  }

  /** The entry of the served-schema table spelled {@code table}, else of the one a client calls {@code table}. */
  TablePolicy forTable(String table) {
    SourceTable t = bySpelling.get(table);
    if (t == null) {
      t = byVisible.get(table);
    }
    return t == null ? null : byTable.get(t);
  }

  /** The entry that resolved to {@code table}, or null when none names it. */
  TablePolicy forTable(SourceTable table) {
    TablePolicy p = byTable.get(table);
    if (p != null || servedSchema == null || !Objects.equals(table.schema(), servedSchema)) {
      return p;
    }
    SourceTable known = bySpelling.get(table.name());
    return known == null ? null : byTable.get(known);
  }

  private static String quoted(String key) {
    return key.startsWith("\"") ? key : "\"" + key + "\"";
  }

  private static String describe(SourceTable t) {
    return (t.schema() == null ? "" : t.schema() + ".") + t.name();
  }

  /** Up to three existing names nearest to the entry (edit distance), as a client would write them. */
  private static String closest(TableName key, List<SourceTable> all, boolean foldsUpper) {
    List<String> names = all.stream()
        .map(t -> new TableName(key.schema() == null ? null : TableName.visible(t.schema(), foldsUpper),
            TableName.visible(t.name(), foldsUpper)).toString())
        .distinct()
        .sorted(Comparator.comparingInt((String n) -> distance(n, key.toString())).thenComparing(n -> n))
        .limit(3)
        .toList();
    return names.isEmpty() ? " (it has no tables)" : " (closest: " + String.join(", ", names) + ")";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String currentSchema(Connection c) {
    try {
      String s = c.getSchema();
      return s == null || s.isEmpty() ? null : s;
    } catch (SQLException | AbstractMethodError e) {
      return null;
    }
  }
}
