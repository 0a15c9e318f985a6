package io.surrogate.catalog;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.relational.ParentLink;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a source table's public shape through {@link DatabaseMetaData} and applies its policy:
 * primary-key columns become keys, policy {@code pii} columns become PII, policy bounds and domains are
 * attached; PostgreSQL enum labels become domains, domain columns take their base type and a range-partitioned
 * table's partition key is bounded by its partitions; columns of a type no
 * generator models, and those the policy fills, are left to the twin. Metadata is public; no row is read here.
 *
 * <p>Names match ignoring case, as unquoted PostgreSQL identifiers do. A policy that names a column the
 * table lacks is refused (42703), since a misspelled {@code pii} entry would otherwise leave the column
 * modelled.
 */
public final class SchemaReader {
  private static final Set<String> TEXT_TYPE_NAMES = Set.of("uuid", "json", "jsonb", "citext", "xml", "inet",
      "cidr", "macaddr", "enum", "set", "character varying", "varchar", "text", "bpchar");

  private SchemaReader() {
  }

  /**
   * The spec of {@code table} in {@code schema} (null: the connection's current schema).
   *
   * @throws SQLException 42P01 when the table does not exist, 42703 when the policy names a missing
   *     column, 0A000 for a primary-key type no generator models, 22023 when a declaration does not fit the
   *     column's type
   */
  public static TableSpec read(Connection source, String schema, String table, TablePolicy policy)
      throws SQLException {
    return read(source, locate(source, schema, table), policy);
  }

  /** As {@link #read(Connection, String, String, TablePolicy)} for an already located table. */
  public static TableSpec read(Connection source, SourceTable table, TablePolicy policy) throws SQLException {
    return shape(source, table, policy).spec();
  }

  /** The modelled and the filled columns of {@code table} in {@code schema} (null: the current schema). */
  public static TableShape shape(Connection source, String schema, String table, TablePolicy policy)
      throws SQLException {
    return shape(source, locate(source, schema, table), policy);
  }

  /**
   * The modelled and the filled columns of an already located table. A column is filled, never read, when the
   * policy gives it {@code fill:} or when no generator models its type (bytea, arrays, tsvector, ranges, ...).
   */
  public static TableShape shape(Connection source, SourceTable table, TablePolicy policy) throws SQLException {
    DatabaseMetaData meta = source.getMetaData();
    Set<String> keys = primaryKey(meta, table);
    Map<String, DomainTypes.Base> domains = DomainTypes.of(source, table);
    TreeMap<Integer, ColumnSpec> byPosition = new TreeMap<>();
    TreeMap<Integer, TableShape.Filled> filled = new TreeMap<>();
    try (ResultSet rs = meta.getColumns(table.catalog(), escape(meta, table.schema()), escape(meta, table.name()),
        "%")) {
      while (rs.next()) {
        if (!table.name().equals(rs.getString("TABLE_NAME"))
            || (table.schema() != null && !table.schema().equals(rs.getString("TABLE_SCHEM")))) {
          continue;
        }
        int position = rs.getInt("ORDINAL_POSITION");
        TableShape.Filled fill = filled(table.name(), rs, keys, domains, policy);
        if (fill != null) {
          filled.put(position, fill);
        } else {
          byPosition.put(position, column(rs, keys, domains));
        }
      }
    }
    if (byPosition.isEmpty() && filled.isEmpty()) {
      throw SqlState.UNDEFINED_TABLE.create("table " + table.name() + " has no readable columns");
    }
    List<ColumnSpec> columns = withEnumDomains(source, table, numberedKeyOnly(new ArrayList<>(byPosition.values())));
    Set<String> filledNames = new HashSet<>();
    filled.values().forEach(f -> filledNames.add(f.column().toLowerCase(Locale.ROOT)));
    List<ColumnSpec> declared = PartitionBounds.apply(source, table,
        ColumnPolicies.apply(table.name(), columns, filledNames, policy));
    TableSpec spec = new TableSpec(table.name(), withLinks(meta, table, declared, policy));
    return new TableShape(spec, new ArrayList<>(filled.values()));
  }

  /** The column as filled, or null when a generator models it. */
  private static TableShape.Filled filled(String table, ResultSet rs, Set<String> keys,
      Map<String, DomainTypes.Base> domains, TablePolicy policy) throws SQLException {
    String name = rs.getString("COLUMN_NAME");
    String typeName = rs.getString("TYPE_NAME");
    boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
    ColumnPolicy declared = policy.column(name);
    ColumnFill fill = declared == null ? null : declared.fill();
    boolean modelled = kindOf(rs, domains) != null;
    String where = "table " + table + " column " + name;
    if (fill == null && modelled) {
      return null;
    }
    if (keys.contains(name)) {
      if (fill != null) {
        throw SqlState.INVALID_PARAMETER_VALUE.create(where + ": fill on a primary-key column (expected: no"
            + " declaration; synthetic rows are numbered)");
      }
      throw SqlState.FEATURE_NOT_SUPPORTED.create(where + ": type " + typeName + " in the primary key cannot be"
          + " synthesized (expected: a number, text, boolean, date or timestamp key; mark the table mode: real if"
          + " it is public)");
    }
    if (fill == null && declared != null) {
      throw SqlState.FEATURE_NOT_SUPPORTED.create(where + ": type " + typeName + " is not modelled, so pii, bounds"
          + " and domain do not apply (expected: fill: null, empty, default or { sql: <expression> })");
    }
    if (fill != null && fill.kind() == ColumnFill.Kind.NULL && !nullable) {
      throw SqlState.INVALID_PARAMETER_VALUE.create(where + ": fill: null on a NOT NULL column (expected: empty,"
          + " default or { sql: <expression> })");
    }
    return new TableShape.Filled(name, typeName, nullable, fill);
  }

  /**
   * Of a composite primary key with an integer column, only the integer columns are numbered (synthetic row k has
   * key k, which keeps the whole key unique); the others are modelled like any column. Otherwise a timestamp in
   * a key such as pagila's {@code payment (payment_date, payment_id)} would be served as row numbers.
   */
  private static List<ColumnSpec> numberedKeyOnly(List<ColumnSpec> columns) {
    long keys = columns.stream().filter(c -> c.role() == ColumnRole.KEY).count();
    boolean integerKey = columns.stream().anyMatch(c -> c.role() == ColumnRole.KEY && c.kind() == ColumnKind.INTEGER);
    if (keys < 2 || !integerKey) {
      return columns;
    }
    List<ColumnSpec> out = new ArrayList<>(columns.size());
    for (ColumnSpec c : columns) {
      out.add(c.role() == ColumnRole.KEY && c.kind() != ColumnKind.INTEGER
          ? new ColumnSpec(c.name(), c.kind(), c.nullable(), c.scale(), ColumnRole.VALUE, null, null, null, null)
          : c);
    }
    return out;
  }

  /** Foreign keys served as links (declared or named by the policy) are never modelled; layout fills them. */
  private static List<ColumnSpec> withLinks(DatabaseMetaData meta, SourceTable table, List<ColumnSpec> columns,
      TablePolicy policy) throws SQLException {
    Set<String> linked = new HashSet<>();
    for (ParentLink link : ForeignKeyReader.links(meta, table.schema(), table.name(), policy)) {
      linked.add(link.foreignKey().toLowerCase(Locale.ROOT));
    }
    List<ColumnSpec> out = new ArrayList<>(columns.size());
    for (ColumnSpec col : columns) {
      boolean link = linked.contains(col.name().toLowerCase(Locale.ROOT)) && col.role() != ColumnRole.PII;
      out.add(link ? col.asForeignKey() : col);
    }
    return out;
  }

  /**
   * Finds the table in the source's metadata, matching names ignoring case (an exact match wins).
   *
   * @throws SQLException 42P01 when no table matches
   */
  public static SourceTable locate(Connection source, String schema, String table) throws SQLException {
    DatabaseMetaData meta = source.getMetaData();
    String catalog = source.getCatalog();
    String wantSchema = schema != null ? schema : currentSchema(source);
    SourceTable best = null;
    for (String s : variants(wantSchema)) {
      for (String t : variants(table)) {
        try (ResultSet rs = meta.getTables(catalog, escape(meta, s), escape(meta, t), null)) {
          while (rs.next()) {
            String foundSchema = rs.getString("TABLE_SCHEM");
            String foundName = rs.getString("TABLE_NAME");
            boolean schemaOk = wantSchema == null || wantSchema.equalsIgnoreCase(foundSchema);
            if (!schemaOk || !table.equalsIgnoreCase(foundName)) {
              continue;
            }
            SourceTable found = new SourceTable(rs.getString("TABLE_CAT"), foundSchema, foundName);
            if (foundName.equals(table)) {
              return found;
            }
            if (best == null) {
              best = found;
            }
          }
        }
      }
    }
    if (best == null) {
      throw SqlState.UNDEFINED_TABLE.create("table " + table + " does not exist"
          + (wantSchema == null ? "" : " in schema " + wantSchema));
    }
    return best;
  }

  /**
   * The kind a generator models for a JDBC column type, or null when no generator can model it
   * (binary, arrays, intervals, times of day).
   *
   * <table>
   *   <caption>JDBC type to column kind</caption>
   *   <tr><td>BIT, BOOLEAN</td><td>BOOLEAN</td></tr>
   *   <tr><td>TINYINT, SMALLINT, INTEGER, BIGINT</td><td>INTEGER</td></tr>
   *   <tr><td>DECIMAL, NUMERIC</td><td>DECIMAL (at the column's scale)</td></tr>
   *   <tr><td>REAL, FLOAT, DOUBLE</td><td>FLOAT</td></tr>
   *   <tr><td>CHAR, VARCHAR, LONGVARCHAR, NCHAR, NVARCHAR, LONGNVARCHAR, CLOB, NCLOB</td><td>CATEGORICAL</td></tr>
   *   <tr><td>OTHER/DISTINCT named uuid, json, jsonb, citext, xml, inet, cidr, macaddr, enum</td>
   *       <td>CATEGORICAL</td></tr>
   *   <tr><td>DATE</td><td>DATE</td></tr>
   *   <tr><td>TIMESTAMP, TIMESTAMP_WITH_TIMEZONE (as UTC)</td><td>TIMESTAMP</td></tr>
   * </table>
   */
  public static ColumnKind kindOf(int jdbcType, String typeName) {
    switch (jdbcType) {
      case Types.BIT:
      case Types.BOOLEAN:
        return ColumnKind.BOOLEAN;
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
        return ColumnKind.INTEGER;
      case Types.DECIMAL:
      case Types.NUMERIC:
        return ColumnKind.DECIMAL;
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
        return ColumnKind.FLOAT;
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
      case Types.NCHAR:
      case Types.NVARCHAR:
      case Types.LONGNVARCHAR:
      case Types.CLOB:
      case Types.NCLOB:
        return ColumnKind.CATEGORICAL;
      case Types.DATE:
        return ColumnKind.DATE;
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return ColumnKind.TIMESTAMP;
      case Types.OTHER:
      case Types.DISTINCT:
      case Types.JAVA_OBJECT:
        return typeName != null && TEXT_TYPE_NAMES.contains(typeName.toLowerCase(Locale.ROOT))
            ? ColumnKind.CATEGORICAL : null;
      default:
        return null;
    }
  }

  /** The kind of a column's type, a domain's base type for a domain column; null when no generator models it. */
  private static ColumnKind kindOf(ResultSet rs, Map<String, DomainTypes.Base> domains) throws SQLException {
    DomainTypes.Base base = domains.get(rs.getString("COLUMN_NAME"));
    return base != null ? kindOf(base.jdbcType(), base.typeName())
        : kindOf(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"));
  }

  private static ColumnSpec column(ResultSet rs, Set<String> keys, Map<String, DomainTypes.Base> domains)
      throws SQLException {
    String name = rs.getString("COLUMN_NAME");
    ColumnKind kind = kindOf(rs, domains);
    boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
    int scale = 0;
    if (kind == ColumnKind.DECIMAL) {
      int digits = rs.getInt("DECIMAL_DIGITS");
      scale = rs.wasNull() ? 0 : Math.max(0, digits);
    }
    ColumnSpec spec = new ColumnSpec(name, kind, nullable, scale, ColumnRole.VALUE, null,
        null, null, null);
    return keys.contains(name) ? spec.asKey() : spec;
  }

  /** Enum labels are schema, hence public: they become the domain of columns the policy gives none. */
  private static List<ColumnSpec> withEnumDomains(Connection c, SourceTable table, List<ColumnSpec> columns)
      throws SQLException {
    Map<String, List<String>> enums = EnumDomains.of(c, table);
    if (enums.isEmpty()) {
      return columns;
    }
    List<ColumnSpec> out = new ArrayList<>(columns.size());
    for (ColumnSpec col : columns) {
      List<String> labels = enums.get(col.name());
      boolean applies = labels != null && col.kind() == ColumnKind.CATEGORICAL && col.isModelled() && !col.hasDomain();
      out.add(applies ? col.withDomain(labels) : col);
    }
    return out;
  }

  private static Set<String> primaryKey(DatabaseMetaData meta, SourceTable table) throws SQLException {
    Set<String> keys = new HashSet<>();
    try (ResultSet rs = meta.getPrimaryKeys(table.catalog(), table.schema(), table.name())) {
      while (rs.next()) {
        keys.add(rs.getString("COLUMN_NAME"));
      }
    }
    return keys;
  }

  private static String currentSchema(Connection c) {
    try {
      return c.getSchema();
    } catch (SQLException | AbstractMethodError e) {
      return null;
    }
  }

  private static Set<String> variants(String name) {
    Set<String> out = new LinkedHashSet<>();
    out.add(name);
    if (name != null) {
      out.add(name.toLowerCase(Locale.ROOT));
      out.add(name.toUpperCase(Locale.ROOT));
    }
    return out;
  }

  /** Escapes {@code _} and {@code %} so a name is matched literally in a metadata pattern. */
  static String escape(DatabaseMetaData meta, String name) throws SQLException {
    if (name == null) {
      return null;
    }
    String esc = meta.getSearchStringEscape();
    if (esc == null || esc.isEmpty()) {
      return name;
    }
    return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
  }
}
