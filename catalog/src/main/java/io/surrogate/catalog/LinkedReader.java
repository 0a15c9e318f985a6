package io.surrogate.catalog;

import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.Generator;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.dp.DiscreteLaplace;
import io.surrogate.synth.dp.NoiseSource;
import io.surrogate.synth.relational.CardinalityHistogram;
import io.surrogate.synth.relational.ForeignKeyGraph;
import io.surrogate.synth.relational.LinkModel;
import io.surrogate.synth.relational.ParentLink;
import io.surrogate.synth.relational.RelationalModel;
import io.surrogate.synth.relational.SelfReference;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads a table that has foreign-key links for training: the modelled columns of at most {@code k} rows per
 * driving parent (k = the link's {@code max_rows_per_parent}), and the DP releases that serve the links — the
 * children-per-parent histogram, key weights over real parents, NULL rates, the self-reference's NULL rate.
 *
 * <p>Design note (privacy unit): with a driving link the unit is one parent entity with all its rows. Clipping
 * to k rows bounds what one entity changes: one bin of the histogram (sensitivity 1) and at most k rows of every
 * other statistic (sensitivity k), so each link release adds discrete Laplace noise (fresh, from a secure source) scaled by its sensitivity; the
 * model is fitted at (ε_m/k, δ/(k·e^{ε_m})), which by group privacy is (ε_m, δ) for the entity. Without a
 * driving link the unit is the row (k = 1). Names and counts never reach the logs.
 */
final class LinkedReader {
  /** Share of a finite ε spent on link releases; the rest fits the model. */
  static final double LINK_SHARE = 0.2;

  /** What training needs from a linked table. */
  record Result(TableData data, RelationalModel relations, int groupSize, double linkEpsilon, double modelEpsilon,
      List<String> releases, String unit, TableSpec tableSpec, Map<String, String> fitOptions,
      TrainingSample sample) {
  }

  private LinkedReader() {
  }

  /** Whether {@code spec} has link columns, so training must go through this reader. */
  static boolean hasLinks(TableSpec spec) {
    return spec.columns().stream().anyMatch(c -> c.role() == ColumnRole.FOREIGN_KEY);
  }

  static Result read(DataSource source, String schema, String table, Policy policy, Generator generator,
      double epsilon, NoiseSource noise, TrainListener progress) throws SQLException {
    TablePolicy tp = policy.forTable(table);
    try (Connection c = source.getConnection()) {
      progress.progress(table, "schema", 0);
      SourceTable located = SchemaReader.locate(c, schema, table);
      TableSpec spec = SchemaReader.read(c, located, tp);
      DatabaseMetaData meta = c.getMetaData();
      List<ParentLink> links = ForeignKeyReader.links(meta, located.schema(), located.name(), tp);
      Set<ParentLink> broken = checkCycles(meta, located, links, policy);
      Set<String> primaryKey = primaryKey(meta, located);
      Plan plan = plan(spec, links, broken, primaryKey, tp, policy);
      progress.progress(table, "schema", 1);
      progress.progress(table, "read", 0);
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        TrainingSample sample = tp.maxTrainingRows() <= 0 ? null : TrainingSample.released(
            clippedCount(c, located, plan), plan.k(), tp.maxTrainingRows(), TrainingSample.countEpsilon(epsilon));
        Result r = readAndRelease(c, located, spec, plan, epsilon, noise, policy, schema, generator, tp, sample);
        progress.progress(table, "read", 1);
        return r;
      } finally {
        try {
          c.rollback();
        } finally {
          c.setAutoCommit(auto);
        }
      }
    }
  }

  /** One link with how it will be served. */
  private record Planned(ParentLink link, LinkModel.Kind kind, boolean realParent, boolean broken, boolean distinct,
      ColumnSpec column) {
  }

  private record Plan(List<Planned> links, Planned driving, int k) {
  }

  private static Plan plan(TableSpec spec, List<ParentLink> links, Set<ParentLink> broken, Set<String> primaryKey,
      TablePolicy tp, Policy policy) {
    Planned driving = null;
    ParentLink drivingLink = chooseDriving(links, broken, primaryKey, tp, policy);
    List<Planned> planned = new ArrayList<>();
    for (ParentLink l : links) {
      ColumnSpec col = spec.column(spec.indexOf(l.foreignKey()));
      boolean real = !l.selfReference() && policy.forTable(l.parentTable()).mode() == TableMode.REAL;
      LinkModel.Kind kind = l == drivingLink ? LinkModel.Kind.DRIVING
          : l.selfReference() ? LinkModel.Kind.SELF : LinkModel.Kind.CHOICE;
      boolean distinct = drivingLink != null && kind == LinkModel.Kind.CHOICE
          && primaryKey.contains(lower(l.foreignKey())) && primaryKey.contains(lower(drivingLink.foreignKey()));
      Planned p = new Planned(l, kind, real, broken.contains(l), distinct, col);
      planned.add(p);
      if (kind == LinkModel.Kind.DRIVING) {
        driving = p;
      }
    }
    return new Plan(planned, driving, driving == null ? 1 : driving.link().maxRowsPerParent());
  }

  /**
   * The policy's first declared parent; else the first NOT NULL link to a synthetic parent; else, for a table
   * keyed by its links (an association table), the first NOT NULL key link to a real parent.
   */
  private static ParentLink chooseDriving(List<ParentLink> links, Set<ParentLink> broken, Set<String> primaryKey,
      TablePolicy tp, Policy policy) {
    if (!tp.parents().isEmpty()) {
      ParentLink first = links.get(0);
      return first.selfReference() || broken.contains(first) ? null : first;
    }
    for (ParentLink l : links) {
      if (!l.selfReference() && !l.nullable() && !broken.contains(l)
          && policy.forTable(l.parentTable()).mode() != TableMode.REAL) {
        return l;
      }
    }
    for (ParentLink l : links) {
      if (!l.selfReference() && !l.nullable() && primaryKey.contains(lower(l.foreignKey()))) {
        return l;
      }
    }
    return null;
  }

  /** Links of this table that close a cycle through synthetic tables; a cycle no nullable link breaks fails. */
  private static Set<ParentLink> checkCycles(DatabaseMetaData meta, SourceTable table, List<ParentLink> own,
      Policy policy) throws SQLException {
    List<ParentLink> all = new ArrayList<>(own);
    Set<String> seen = new HashSet<>();
    seen.add(lower(table.name()));
    List<String> todo = new ArrayList<>();
    for (ParentLink l : own) {
      todo.add(l.parentTable());
    }
    while (!todo.isEmpty()) {
      String t = todo.remove(todo.size() - 1);
      if (!seen.add(lower(t)) || policy.forTable(t).mode() == TableMode.REAL) {
        continue;
      }
      for (ParentLink l : ForeignKeyReader.links(meta, table.schema(), t, policy.forTable(t))) {
        all.add(l);
        todo.add(l.parentTable());
      }
    }
    ForeignKeyGraph graph = new ForeignKeyGraph(List.of(table.name()), all);
    try {
      graph.order();
    } catch (IllegalArgumentException e) {
      throw SqlState.INVALID_OBJECT_DEFINITION.create("table " + table.name() + ": " + e.getMessage());
    }
    Set<ParentLink> broken = new HashSet<>();
    for (ParentLink l : graph.brokenLinks()) {
      if (own.contains(l)) {
        broken.add(l);
      }
    }
    return broken;
  }

  /**
   * The rows a training would hold, at most k per driving parent: what one parent changes by at most k, the
   * sensitivity of the count that sizes the training sample.
   */
  private static long clippedCount(Connection c, SourceTable table, Plan plan) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String quote = meta.getIdentifierQuoteString();
    quote = quote == null || quote.isBlank() ? "" : quote.trim();
    String sql;
    if (plan.driving() == null) {
      sql = "SELECT COUNT(*) FROM " + table.qualified(meta);
    } else {
      String fk = SourceTable.quote(plan.driving().column().name(), quote);
      sql = "SELECT COALESCE(SUM(CASE WHEN n > " + plan.k() + " THEN " + plan.k() + " ELSE n END), 0) FROM"
          + " (SELECT COUNT(*) AS n FROM " + table.qualified(meta) + " WHERE " + fk + " IS NOT NULL GROUP BY " + fk
          + ") g";
    }
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw RowReader.sanitized(e, "table " + table.name() + ": counting rows failed");
    }
  }

  private static Result readAndRelease(Connection c, SourceTable table, TableSpec spec, Plan plan, double tableEpsilon,
      NoiseSource noise, Policy policy, String schema, Generator generator, TablePolicy tp, TrainingSample sample)
      throws SQLException {
    // the count that sized the sample spent its share; links and model split the rest
    double epsilon = sample == null ? tableEpsilon : sample.fitEpsilon(tableEpsilon);
    int k = plan.k();
    int releases = 0;
    for (Planned p : plan.links()) {
      if (p.broken()) {
        continue;
      }
      int n = switch (p.kind()) {
        case DRIVING, SELF -> 1;
        case CHOICE -> (p.realParent() ? 1 : 0) + (p.link().nullable() ? 1 : 0);
      };
      releases += n;
    }
    boolean finite = Double.isFinite(epsilon);
    double linkEpsilon = !finite ? epsilon : releases == 0 ? 0 : epsilon * LINK_SHARE;
    double modelEpsilon = !finite ? epsilon : epsilon - linkEpsilon;
    double each = releases == 0 ? 0 : !finite ? epsilon : linkEpsilon / releases;

    Rows rows = readRows(c, table, spec, plan, sample == null ? TrainingSample.RowFilter.ALL : sample.filter());
    Conditioning conditioning = conditioning(c, table, plan, policy, schema, generator, tp);
    List<LinkModel> models = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Planned p : plan.links()) {
      String column = p.link().foreignKey();
      List<String> realKeys = p.realParent() ? parentKeys(c, table, p, schema) : null;
      if (p.broken()) {
        models.add(new LinkModel(column, p.link().parentTable(), LinkModel.Kind.CHOICE, k, null, null, 1, false));
        continue;
      }
      Map<String, Long> counts = rows.keyCounts.get(column);
      long nulls = rows.nullCounts.getOrDefault(column, 0L);
      switch (p.kind()) {
        case DRIVING -> {
          long parents = realKeys != null ? realKeys.size() : count(c, table, p, schema);
          long[] perParent = new long[(int) Math.max(counts.size(), Math.min(parents, Integer.MAX_VALUE - 8))];
          int i = 0;
          for (long v : counts.values()) {
            perParent[i++] = v;
          }
          CardinalityHistogram h = CardinalityHistogram.release(perParent, k, each, noise);
          models.add(new LinkModel(column, p.link().parentTable(), LinkModel.Kind.DRIVING, k, h.probabilities(),
              realKeys, 0, false, conditioning == null ? List.of() : conditioning.names()));
          names.add("cardinality(" + column + ", cap " + k + ")");
        }
        case SELF -> {
          SelfReference s = SelfReference.release(nulls, rows.kept, each / k, noise);
          models.add(new LinkModel(column, p.link().parentTable(), LinkModel.Kind.SELF, k, null, null, s.nullRate(),
              false));
          names.add("self-reference null rate(" + column + ")");
        }
        case CHOICE -> {
          double[] weights = null;
          double share = each;
          if (realKeys != null) {
            weights = new double[realKeys.size()];
            for (int j = 0; j < weights.length; j++) {
              long cnt = counts.getOrDefault(realKeys.get(j), 0L);
              weights[j] = Math.max(0, DiscreteLaplace.release(cnt, k, share, noise));
            }
            names.add("key weights(" + column + ")");
          }
          double nullRate = 0;
          if (p.link().nullable()) {
            double n = Math.max(0, DiscreteLaplace.release(nulls, k, share / 2, noise));
            double t = Math.max(1, DiscreteLaplace.release(rows.kept, k, share / 2, noise));
            nullRate = Math.min(1, n / t);
            names.add("null rate(" + column + ")");
          }
          models.add(new LinkModel(column, p.link().parentTable(), LinkModel.Kind.CHOICE, k, weights, realKeys,
              nullRate, p.distinct()));
        }
        default -> throw new IllegalStateException("unhandled link kind " + p.kind());
      }
    }
    TableData data;
    Map<String, String> options = tp.options();
    try {
      if (conditioning == null) {
        data = TableData.of(spec, rows.data);
      } else {
        data = conditioning.join(spec, rows);
        options = generator.conditionOptions(options, conditioning.modelColumns(), modelled(spec));
      }
    } catch (IllegalArgumentException e) {
      throw SqlState.INTERNAL_ERROR.create("table " + spec.name() + ": rows do not match the schema read");
    }
    String unit = plan.driving() == null ? Trainer.UNIT_ROW
        : "parent:" + plan.driving().link().parentTable() + " (max " + k + " rows)";
    return new Result(data, new RelationalModel(models), k, linkEpsilon, modelEpsilon, names, unit, spec, options,
        sample);
  }

  private static List<String> modelled(TableSpec spec) {
    List<String> out = new ArrayList<>();
    for (ColumnSpec col : spec.columns()) {
      if (col.isModelled()) {
        out.add(col.name());
      }
    }
    return out;
  }

  /** The driving parent's attributes the child is fitted with, keyed by the parent's key as text. */
  private record Conditioning(List<ColumnSpec> parentColumns, Map<String, Object[]> byKey) {
    List<String> names() {
      return parentColumns.stream().map(ColumnSpec::name).toList();
    }

    List<String> modelColumns() {
      return parentColumns.stream().map(col -> LinkModel.conditionColumn(col.name())).toList();
    }

    /** Child rows with their parent's attributes appended as leading model columns' values. */
    TableData join(TableSpec child, Rows rows) {
      List<ColumnSpec> cols = new ArrayList<>(child.columns());
      for (ColumnSpec p : parentColumns) {
        cols.add(new ColumnSpec(LinkModel.conditionColumn(p.name()), p.kind(), true, p.scale(),
            ColumnRole.VALUE, null, p.lower(), p.upper(), p.domain()));
      }
      TableSpec spec = new TableSpec(child.name(), cols);
      List<Object[]> out = new ArrayList<>(rows.data.size());
      for (int i = 0; i < rows.data.size(); i++) {
        Object[] row = java.util.Arrays.copyOf(rows.data.get(i), cols.size());
        Object[] parent = byKey.get(rows.drivingKeys.get(i));
        if (parent != null) {
          System.arraycopy(parent, 0, row, child.width(), parent.length);
        }
        out.add(row);
      }
      return TableData.of(spec, out);
    }
  }

  /**
   * What the child conditions on: the policy's {@code condition_on}, else every modelled column of a synthetic
   * driving parent when the generator can condition; null when nothing.
   */
  private static Conditioning conditioning(Connection c, SourceTable table, Plan plan, Policy policy, String schema,
      Generator generator, TablePolicy tp) throws SQLException {
    Planned driving = plan.driving();
    List<String> declared = null;
    if (driving != null && !tp.parents().isEmpty()
        && tp.parents().get(0).key().equalsIgnoreCase(driving.link().foreignKey())) {
      declared = tp.parents().get(0).conditionOn();
    }
    if (driving == null || driving.realParent()) {
      if (declared != null && !declared.isEmpty()) {
        throw SqlState.INVALID_PARAMETER_VALUE.create("table " + table.name() + ": condition_on needs a synthetic"
            + " driving parent (expected: the parent entry of a synthetic table)");
      }
      return null;
    }
    if (!generator.conditions()) {
      if (declared != null && !declared.isEmpty()) {
        throw SqlState.INVALID_PARAMETER_VALUE.create("table " + table.name() + ": generator " + generator.name()
            + " cannot condition on the parent's columns " + declared + " (expected: generator cart, or no"
            + " condition_on)");
      }
      return null;
    }
    String parentName = driving.link().parentTable();
    SourceTable parent = SchemaReader.locate(c, schema, parentName);
    TableSpec parentSpec = SchemaReader.read(c, parent, policy.forTable(parentName));
    List<ColumnSpec> columns = new ArrayList<>();
    if (declared == null) {
      for (ColumnSpec col : parentSpec.columns()) {
        if (col.isModelled()) {
          columns.add(col);
        }
      }
    } else {
      for (String name : declared) {
        int i = parentSpec.indexOf(name);
        if (i < 0 || !parentSpec.column(i).isModelled()) {
          throw SqlState.UNDEFINED_COLUMN.create("table " + table.name() + ": condition_on names " + name
              + ", which is not a modelled column of " + parentName + " (expected: one of " + modelled(parentSpec)
              + ")");
        }
        columns.add(parentSpec.column(i));
      }
    }
    if (columns.isEmpty()) {
      return null;
    }
    DatabaseMetaData meta = c.getMetaData();
    String quote = meta.getIdentifierQuoteString();
    quote = quote == null || quote.isBlank() ? "" : quote.trim();
    List<String> select = new ArrayList<>();
    select.add(SourceTable.quote(realColumnName(meta, parent, driving.link().parentKey()), quote));
    for (ColumnSpec col : columns) {
      select.add(SourceTable.quote(col.name(), quote));
    }
    Map<String, Object[]> byKey = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", select) + " FROM "
        + parent.qualified(meta))) {
      ps.setFetchSize(RowReader.FETCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Object key = RowReader.convert(rs, 1, driving.column(), md.getColumnType(1));
          Object[] values = new Object[columns.size()];
          for (int i = 0; i < values.length; i++) {
            try {
              values[i] = RowReader.convert(rs, i + 2, columns.get(i), md.getColumnType(i + 2));
            } catch (SQLException | RuntimeException e) {
              throw RowReader.sanitized(e, "table " + parentName + " column " + columns.get(i).name()
                  + ": cannot read a value");
            }
          }
          if (key != null) {
            byKey.put(keyText(key), values);
          }
        }
      }
    }
    return new Conditioning(columns, byKey);
  }

  /** Clipped rows plus per-link key and NULL counts over them. */
  private static final class Rows {
    final List<Object[]> data = new ArrayList<>();
    /** The driving key (as text) of each kept row, or null without a driving link. */
    final List<String> drivingKeys = new ArrayList<>();
    final Map<String, Map<String, Long>> keyCounts = new HashMap<>();
    final Map<String, Long> nullCounts = new HashMap<>();
    long kept;
  }

  /**
   * Reads the clipped rows; every one counts in the link releases, and those {@code filter} keeps (a parent's rows
   * together, with a driving link) are the model's training data.
   */
  private static Rows readRows(Connection c, SourceTable table, TableSpec spec, Plan plan,
      TrainingSample.RowFilter filter) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String quote = meta.getIdentifierQuoteString();
    quote = quote == null || quote.isBlank() ? "" : quote.trim();
    List<String> select = new ArrayList<>();
    List<Integer> targets = new ArrayList<>();
    for (int i = 0; i < spec.width(); i++) {
      ColumnSpec col = spec.column(i);
      if (col.isModelled() || col.role() == ColumnRole.FOREIGN_KEY) {
        select.add(SourceTable.quote(col.name(), quote));
        targets.add(i);
      }
    }
    String sql = "SELECT " + String.join(", ", select) + " FROM " + table.qualified(meta);
    int drivingIndex = -1;
    if (plan.driving() != null) {
      String col = plan.driving().link().foreignKey();
      drivingIndex = spec.indexOf(col);
      sql += " ORDER BY " + SourceTable.quote(plan.driving().column().name(), quote);
    }
    Rows out = new Rows();
    for (Planned p : plan.links()) {
      out.keyCounts.put(p.link().foreignKey(), new LinkedHashMap<>());
    }
    try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      ps.setFetchSize(RowReader.FETCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        Object currentParent = null;
        int ofParent = 0;
        boolean sampled = true;
        while (next(rs, spec)) {
          Object[] row = new Object[spec.width()];
          for (int i = 0; i < targets.size(); i++) {
            ColumnSpec col = spec.column(targets.get(i));
            try {
              row[targets.get(i)] = RowReader.convert(rs, i + 1, col, md.getColumnType(i + 1));
            } catch (SQLException | RuntimeException e) {
              throw RowReader.sanitized(e, "table " + spec.name() + " column " + col.name() + ": cannot read a value");
            }
          }
          if (drivingIndex >= 0) {
            Object parent = row[drivingIndex];
            if (parent == null) {
              continue;
            }
            ofParent = Objects.equals(parent, currentParent) ? ofParent + 1 : 1;
            currentParent = parent;
            if (ofParent > plan.k()) {
              continue;
            }
            if (ofParent == 1) {
              sampled = filter.keep();
            }
          } else {
            sampled = filter.keep();
          }
          out.kept++;
          String drivingKey = drivingIndex >= 0 ? keyText(row[drivingIndex]) : null;
          for (Planned p : plan.links()) {
            int idx = spec.indexOf(p.link().foreignKey());
            Object v = row[idx];
            row[idx] = null;
            if (v == null) {
              out.nullCounts.merge(p.link().foreignKey(), 1L, Long::sum);
            } else {
              out.keyCounts.get(p.link().foreignKey()).merge(keyText(v), 1L, Long::sum);
            }
          }
          if (sampled) {
            out.drivingKeys.add(drivingKey);
            out.data.add(row);
          }
        }
      }
    }
    return out;
  }

  private static boolean next(ResultSet rs, TableSpec spec) throws SQLException {
    try {
      return rs.next();
    } catch (SQLException e) {
      throw RowReader.sanitized(e, "table " + spec.name() + ": reading rows failed");
    }
  }

  /** The public key list of a real parent, in key order, as the child's column reads it. */
  private static List<String> parentKeys(Connection c, SourceTable child, Planned p, String schema)
      throws SQLException {
    SourceTable parent = SchemaReader.locate(c, schema, p.link().parentTable());
    DatabaseMetaData meta = c.getMetaData();
    String quote = meta.getIdentifierQuoteString();
    quote = quote == null || quote.isBlank() ? "" : quote.trim();
    String key = SourceTable.quote(realColumnName(meta, parent, p.link().parentKey()), quote);
    List<String> keys = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + key + " FROM " + parent.qualified(meta)
        + " WHERE " + key + " IS NOT NULL ORDER BY " + key)) {
      ps.setFetchSize(RowReader.FETCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        int type = rs.getMetaData().getColumnType(1);
        while (rs.next()) {
          keys.add(keyText(RowReader.convert(rs, 1, p.column(), type)));
        }
      }
    }
    if (keys.isEmpty()) {
      throw SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE.create("table " + child.name() + ": real parent " + parent.name()
          + " has no rows, so " + p.link().foreignKey() + " cannot reference one (expected: a non-empty real table)");
    }
    return keys;
  }

  /** Rows of a synthetic parent: the bin of parents without children needs it (released in the histogram). */
  private static long count(Connection c, SourceTable child, Planned p, String schema) throws SQLException {
    SourceTable parent = SchemaReader.locate(c, schema, p.link().parentTable());
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + parent.qualified(c.getMetaData()));
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String realColumnName(DatabaseMetaData meta, SourceTable table, String column) throws SQLException {
    try (ResultSet rs = meta.getColumns(table.catalog(), SchemaReader.escape(meta, table.schema()),
        SchemaReader.escape(meta, table.name()), "%")) {
      while (rs.next()) {
        if (rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
          return rs.getString("COLUMN_NAME");
        }
      }
    }
    return column;
  }

  private static Set<String> primaryKey(DatabaseMetaData meta, SourceTable table) throws SQLException {
    Set<String> keys = new HashSet<>();
    try (ResultSet rs = meta.getPrimaryKeys(table.catalog(), table.schema(), table.name())) {
      while (rs.next()) {
        keys.add(lower(rs.getString("COLUMN_NAME")));
      }
    }
    return keys;
  }

  /** Keys as text, the form the stored model keeps (decimals without exponent). */
  static String keyText(Object v) {
    return v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
