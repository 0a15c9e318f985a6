package io.surrogate.proxy.catalog;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a table's primary key and indexes from {@link DatabaseMetaData} into {@link MetadataSnapshot.Index}
 * entries with OIDs that follow the table OIDs. The index that enforces the primary key takes the key's name, as
 * in PostgreSQL; a primary key without a reported index still gets one, since PostgreSQL always has it.
 */
final class IndexReader {
  private final MetadataSnapshot snapshot;
  private int nextOid;

  IndexReader(MetadataSnapshot snapshot) {
    this.snapshot = snapshot;
    this.nextOid = snapshot.tables.stream().mapToInt(t -> t.oid() + 1).max()
        .orElse(MetadataSnapshot.FIRST_USER_OID);
  }

  /** The first OID not yet used. */
  int nextOid() {
    return nextOid;
  }

  void read(DatabaseMetaData md, MetadataSnapshot.Table t, String schema, String table) throws SQLException {
    TreeMap<Integer, Short> pkColumns = new TreeMap<>();
    String pkName = null;
    try (ResultSet rs = md.getPrimaryKeys(null, schema, table)) {
      while (rs.next()) {
        pkColumns.put(rs.getInt("KEY_SEQ"), snapshot.position(t.oid(), rs.getString("COLUMN_NAME")));
        pkName = rs.getString("PK_NAME") == null ? null : MetadataSnapshot.pgName(rs.getString("PK_NAME"));
      }
    }
    List<Short> pk = List.copyOf(pkColumns.values());
    String primaryName = pkName == null ? t.name() + "_pkey" : pkName;
    Map<String, TreeMap<Integer, Short>> columns = new LinkedHashMap<>();
    Map<String, Boolean> unique = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    // approximate = true: the statistics rows this asks the source not to compute are never read anyway.
    try (ResultSet rs = md.getIndexInfo(null, schema, table, false, true)) {
      while (rs.next()) {
        String name = rs.getString("INDEX_NAME");
        if (name == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
          continue;
        }
        String column = rs.getString("COLUMN_NAME");
        short position = column == null ? 0 : snapshot.position(t.oid(), column);
        if (position == 0) {
          skipped.add(name);
        }
        columns.computeIfAbsent(name, n -> new TreeMap<>()).put(rs.getInt("ORDINAL_POSITION"), position);
        unique.put(name, !rs.getBoolean("NON_UNIQUE"));
      }
    }
    List<MetadataSnapshot.Index> found = new ArrayList<>();
    boolean primaryFound = false;
    for (Map.Entry<String, TreeMap<Integer, Short>> e : new TreeMap<>(columns).entrySet()) {
      if (skipped.contains(e.getKey())) {
        continue;
      }
      List<Short> cols = List.copyOf(e.getValue().values());
      boolean isUnique = unique.get(e.getKey());
      boolean primary = !primaryFound && isUnique && !pk.isEmpty() && cols.equals(pk);
      primaryFound |= primary;
      found.add(new MetadataSnapshot.Index(0, primary ? primaryName : MetadataSnapshot.pgName(e.getKey()), t.oid(),
          cols, isUnique, primary));
    }
    if (!primaryFound && !pk.isEmpty()) {
      found.add(new MetadataSnapshot.Index(0, primaryName, t.oid(), pk, true, true));
    }
    found.sort((a, b) -> a.primary() != b.primary() ? (a.primary() ? -1 : 1) : a.name().compareTo(b.name()));
    for (MetadataSnapshot.Index i : found) {
      snapshot.indexes.add(new MetadataSnapshot.Index(nextOid++, i.name(), i.tableOid(), i.columns(), i.unique(),
          i.primary()));
    }
  }
}
