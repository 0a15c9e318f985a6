package io.surrogate.driver.internal;

import io.surrogate.catalog.SourceTable;
import io.surrogate.catalog.SqlState;
import io.surrogate.catalog.TableMode;
import io.surrogate.catalog.TableName;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * The source schema as Calcite sees it: tables the policy marks {@code real} are the JDBC adapter's
 * {@link JdbcTable}s (pushed down over the pool); every other table and every view is a
 * {@link SyntheticTable}. It extends {@link JdbcSchema} only so that code generated for pushed-down
 * real tables finds the pool by unwrapping this schema; its own table lookup replaces the adapter's.
 */
final class SourceSchema extends JdbcSchema {
  /** Source table types that may be served real; views and everything else are always synthetic. */
  private static final Set<String> TABLE_TYPES = Set.of("TABLE", "BASE TABLE", "PARTITIONED TABLE");

  private final Engine engine;
  private final JdbcSchema adapter;
  private final String catalogName;
  private final String schemaName;
  private final Map<String, Table> tables = new ConcurrentHashMap<>();
  private volatile Map<String, Entry> directory;
  private volatile Lookup<Table> lookup;

  SourceSchema(Engine engine, DataSource dataSource, JdbcConvention convention, String catalogName,
      String schemaName) {
    super(dataSource, convention.dialect, convention, catalogName, schemaName);
    this.engine = engine;
    this.adapter = new JdbcSchema(dataSource, convention.dialect, convention, catalogName, schemaName);
    this.catalogName = catalogName;
    this.schemaName = schemaName;
  }

  @Override
  public Lookup<Table> tables() {
    Lookup<Table> l = lookup;
    if (l == null) {
      l = newLookup();
      lookup = l;
    }
    return l;
  }

  /**
   * A lookup by PostgreSQL's rules over the current directory. Calcite has already folded an unquoted name to
   * lower case and left a quoted one as written, so both of its lookups match exactly: a case-insensitive match
   * would let {@code "DEPARTMENTS"} reach {@code departments} or the reverse.
   */
  private Lookup<Table> newLookup() {
    return new Lookup<>() {
      @Override
      public Table get(String name) {
        Entry e = directory().get(name);
        return e == null ? null : tables.computeIfAbsent(name, n -> create(e));
      }

      @Override
      public Named<Table> getIgnoreCase(String name) {
        Table t = get(name);
        return t == null ? null : new Named<>(name, t);
      }

      @Override
      public Set<String> getNames(LikePattern pattern) {
        var matcher = pattern.matcher();
        return directory().keySet().stream().filter(matcher::apply).collect(Collectors.toSet());
      }
    };
  }

  @Override
  public Lookup<? extends Schema> subSchemas() {
    return Lookup.empty();
  }

  /** Tables and views of the source keyed by the name a client uses ({@link TableName#visible}), sorted. */
  Map<String, Entry> directory() {
    Map<String, Entry> d = directory;
    if (d == null) {
      synchronized (this) {
        d = directory;
        if (d == null) {
          d = readDirectory();
          directory = d;
        }
      }
    }
    return d;
  }

  /** The entry of the table the source spells {@code name}, or null. */
  Entry bySpelling(String name) {
    for (Entry e : directory().values()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** Names as the source spells them whose mode is real (or synthetic when {@code real} is false). */
  List<String> names(boolean real) {
    return directory().values().stream().filter(e -> e.real() == real).map(Entry::name).sorted().toList();
  }

  /** Forgets the table list, so tables created in the source since are seen. */
  synchronized void refresh() {
    directory = null;
    lookup = null;
    tables.clear();
  }

  private Table create(Entry e) {
    // The adapter's own lookup is exact for an exact name; the entry holds the source's spelling.
    JdbcTable jdbc = (JdbcTable) adapter.tables().get(e.name());
    if (jdbc == null) {
      throw SqlStates.carry(SqlState.UNDEFINED_TABLE, "relation " + e.name() + " does not exist");
    }
    if (e.real()) {
      return jdbc;
    }
    JavaTypeFactory factory = new JavaTypeFactoryImpl();
    return new SyntheticTable(engine, e.name(), RelDataTypeImpl.proto(jdbc.getRowType(factory)),
        jdbc.getJdbcTableType());
  }

  private Map<String, Entry> readDirectory() {
    Map<String, Entry> found = new TreeMap<>();
    try (Connection c = getDataSource().getConnection();
        ResultSet rs = metaTables(c.getMetaData())) {
      boolean foldsUpper = c.getMetaData().storesUpperCaseIdentifiers();
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME");
        String type = rs.getString("TABLE_TYPE");
        String upperType = type == null ? "" : type.toUpperCase(Locale.ROOT);
        boolean tableLike = TABLE_TYPES.contains(upperType);
        if (!tableLike && !upperType.contains("VIEW")) {
          continue;
        }
        // The mode follows the table's identity, never a spelling: only the table an entry resolved to is real.
        SourceTable identity = new SourceTable(rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"), name);
        boolean real = tableLike && engine.policy().forTable(identity).mode() == TableMode.REAL;
        String visible = TableName.visible(name, foldsUpper);
        Entry entry = new Entry(name, upperType, real);
        // Two tables a client would call by one name (H2's PATIENTS and "patients"): the exact spelling wins.
        if (!found.containsKey(visible) || visible.equals(name)) {
          found.put(visible, entry);
        }
      }
    } catch (SQLException e) {
      throw new SqlStates.Carrier(SqlState.CONNECTION_FAILED.create("cannot list tables of source "
          + engine.sourceId() + ": " + e.getMessage(), e));
    }
    return Map.copyOf(found);
  }

  private ResultSet metaTables(DatabaseMetaData meta) throws SQLException {
    return meta.getTables(catalogName, schemaName, "%", null);
  }

  /**
   * One table or view of the source.
   *
   * @param name as the source spells it
   * @param type JDBC table type, upper case
   * @param real whether rows pass through
   */
  record Entry(String name, String type, boolean real) {
  }
}
