package io.surrogate.proxy.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.proxy.H2Engine;
import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.ProxyServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pg_catalog and information_schema served through the proxy by a Calcite engine (standing in for the Surrogate
 * driver, which adds the same schemas with addMetadataSchema), queried with pgJDBC.
 */
class PgCatalogTest {
  private static H2Engine h2;
  private static ProxyServer server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    h2 = new H2Engine(10);
    try (Connection c = h2.open("setup", "setup"); java.sql.Statement st = c.createStatement()) {
      st.execute("create table customers (region int, num int, name varchar(30) not null, email varchar(50), "
          + "constraint customers_pkey primary key (region, num), constraint customers_email_key unique (email))");
      st.execute("create table orders (id int constraint orders_pkey primary key, cust_region int, cust_num int, "
          + "item_id int constraint orders_item_fkey references items(id) on delete cascade, "
          + "constraint orders_customer_fkey foreign key (cust_region, cust_num) references customers(region, num))");
    }
    server = new ProxyServer(ProxyConfig.builder().port(0).build(), (user, database) -> calcite(user, database));
    port = server.start();
  }

  private static Connection calcite(String user, String database) throws SQLException {
    return CatalogEngine.open(h2, user, database);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    h2.close();
  }

  private static List<String> column(String sql, Object... params) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "cat");
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/catdb", p);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  @Test
  void listsSchemasTablesAndColumns() throws Exception {
    assertEquals(List.of("information_schema", "pg_catalog", "public"),
        column("select nspname from pg_catalog.pg_namespace order by nspname"));
    assertEquals(List.of("customers", "items", "numbers", "orders"), column("select c.relname from pg_catalog.pg_class c "
        + "join pg_catalog.pg_namespace n on c.relnamespace = n.oid where c.relkind = 'r' and n.nspname = 'public' "
        + "order by c.relname"));
    assertEquals(List.of("id", "small", "big"), column("select a.attname from pg_catalog.pg_attribute a "
        + "join pg_catalog.pg_class c on a.attrelid = c.oid where c.relname = 'items' and a.attnum <= 3 "
        + "order by a.attnum"));
    assertEquals(List.of("int4", "int2", "int8"), column("select t.typname from pg_catalog.pg_attribute a "
        + "join pg_catalog.pg_class c on a.attrelid = c.oid join pg_catalog.pg_type t on a.atttypid = t.oid "
        + "where c.relname = 'items' and a.attnum <= 3 order by a.attnum"));
    assertEquals(List.of("BASE TABLE"), column("select table_type from information_schema.tables "
        + "where table_name = ?", "numbers"));
    assertEquals(List.of("n", "label"), column("select column_name from information_schema.columns "
        + "where table_name = 'numbers' order by ordinal_position"));
    assertEquals(List.of("catdb"), column("select datname from pg_catalog.pg_database"));
  }

  @Test
  void primaryKeysAreDescribed() throws Exception {
    assertEquals(List.of("p"), column("select con.contype from pg_catalog.pg_constraint con "
        + "join pg_catalog.pg_class c on con.conrelid = c.oid where c.relname = 'numbers'"));
    assertEquals(List.of("1"), column("select i.indkey[1] from pg_catalog.pg_index i "
        + "join pg_catalog.pg_class c on i.indrelid = c.oid where c.relname = 'items' and i.indisprimary"));
  }

  @Test
  void statisticsAreAlwaysEmptyAndRowCountsUnknown() throws Exception {
    assertEquals(List.of("0"), column("select count(*) from pg_catalog.pg_stats"));
    assertEquals(List.of("0"), column("select count(*) from pg_catalog.pg_statistic"));
    assertEquals(List.of("0"), column("select count(*) from pg_catalog.pg_stats_ext"));
    List<String> tuples = column("select reltuples from pg_catalog.pg_class where relname = 'numbers'");
    assertEquals(List.of("-1"), tuples);
    assertEquals(List.of("16.4"), column("select setting from pg_catalog.pg_settings where name = ?",
        "server_version"));
  }

  /** psql 15's {@code \\dt}, {@code \\dn}, {@code \\l} and the first query of {@code \\d items}, verbatim. */
  @Test
  void psqlBackslashQueriesAfterRewriting() throws Exception {
    assertEquals(List.of("public", "public", "public", "public"), column("SELECT n.nspname as \"Schema\",\n"
        + "  c.relname as \"Name\",\n"
        + "  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' "
        + "WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN "
        + "'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as \"Type\",\n"
        + "  pg_catalog.pg_get_userbyid(c.relowner) as \"Owner\"\n"
        + "FROM pg_catalog.pg_class c\n"
        + "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
        + "     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam\n"
        + "WHERE c.relkind IN ('r','p','')\n"
        + "      AND n.nspname <> 'pg_catalog'\n"
        + "      AND n.nspname !~ '^pg_toast'\n"
        + "      AND n.nspname <> 'information_schema'\n"
        + "  AND pg_catalog.pg_table_is_visible(c.oid)\n"
        + "ORDER BY 1,2;"));
    assertEquals(List.of("public"), column("SELECT n.nspname AS \"Name\",\n"
        + "  pg_catalog.pg_get_userbyid(n.nspowner) AS \"Owner\"\n"
        + "FROM pg_catalog.pg_namespace n\n"
        + "WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'\n"
        + "ORDER BY 1;"));
    assertEquals(List.of("catdb"), column("SELECT d.datname as \"Name\",\n"
        + "       pg_catalog.pg_get_userbyid(d.datdba) as \"Owner\",\n"
        + "       pg_catalog.pg_encoding_to_char(d.encoding) as \"Encoding\",\n"
        + "       d.datcollate as \"Collate\",\n"
        + "       d.datctype as \"Ctype\",\n"
        + "       d.daticulocale as \"ICU Locale\",\n"
        + "       CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS \"Locale Provider\",\n"
        + "       pg_catalog.array_to_string(d.datacl, E'\\n') AS \"Access privileges\"\n"
        + "FROM pg_catalog.pg_database d\n"
        + "ORDER BY 1;"));
    assertEquals(List.of("public"), column("SELECT c.oid,\n  n.nspname,\n  c.relname\n"
        + "FROM pg_catalog.pg_class c\n"
        + "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
        + "WHERE c.relname OPERATOR(pg_catalog.~) '^(items)$' COLLATE pg_catalog.default\n"
        + "  AND pg_catalog.pg_table_is_visible(c.oid)\n"
        + "ORDER BY 2, 3;").stream().map(oid -> "public").toList());
  }

  @Test
  void pgJdbcDatabaseMetaData() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "cat");
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/catdb", p)) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("information_schema", "pg_catalog", "public"), strings(md.getSchemas(), "TABLE_SCHEM"));
      assertEquals(List.of("customers", "items", "numbers", "orders"),
          strings(md.getTables(null, "public", "%", new String[] {"TABLE"}), "TABLE_NAME"));
      assertEquals(List.of("n", "label"), strings(md.getColumns(null, "public", "numbers", "%"), "COLUMN_NAME"));
      assertEquals(List.of("int8", "varchar"), strings(md.getColumns(null, "public", "numbers", "%"), "TYPE_NAME"));
      assertEquals(List.of("catdb"), strings(md.getCatalogs(), "TABLE_CAT"));
    }
  }

  /** Each row of {@code rs} as the named columns joined by '|'. */
  private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
    try (rs) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (String c : columns) {
          values.add(rs.getString(c));
        }
        out.add(String.join("|", values));
      }
      return out;
    }
  }

  @Test
  void pgJdbcKeysAndIndexesComeFromTheSourceSchema() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "cat");
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/catdb", p)) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("customers|region|1|customers_pkey", "customers|num|2|customers_pkey"),
          rows(md.getPrimaryKeys(null, "public", "customers"), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
      assertEquals(List.of("id|1|orders_pkey"),
          rows(md.getPrimaryKeys(null, null, "orders"), "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
      String[] fk = {"PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE",
          "DELETE_RULE", "FK_NAME", "PK_NAME"};
      // items' primary key is unnamed in the source, so it carries the name the source gave it.
      String itemsKey = rows(md.getPrimaryKeys(null, "public", "items"), "PK_NAME").get(0);
      List<String> imported = List.of(
          "customers|region|orders|cust_region|1|3|3|orders_customer_fkey|customers_pkey",
          "customers|num|orders|cust_num|2|3|3|orders_customer_fkey|customers_pkey",
          "items|id|orders|item_id|1|3|0|orders_item_fkey|" + itemsKey);
      assertEquals(imported, rows(md.getImportedKeys(null, "public", "orders"), fk));
      assertEquals(imported.subList(0, 2), rows(md.getExportedKeys(null, "public", "customers"), fk));
      assertEquals(imported.subList(2, 3), rows(md.getCrossReference(null, "public", "items", null, "public",
          "orders"), fk));
      assertEquals(List.of(), rows(md.getImportedKeys(null, "public", "customers"), fk));
      List<String> indexes = rows(md.getIndexInfo(null, "public", "customers", false, true), "NON_UNIQUE",
          "INDEX_NAME", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC");
      assertTrue(indexes.containsAll(List.of("f|customers_pkey|1|region|A", "f|customers_pkey|2|num|A")), indexes.toString());
      assertTrue(indexes.stream().anyMatch(r -> r.matches("f\\|.+\\|1\\|email\\|A")), indexes.toString());
      assertEquals(indexes.size(), rows(md.getIndexInfo(null, "public", "customers", true, true), "INDEX_NAME")
          .size());
      List<String> types = rows(md.getTypeInfo(), "TYPE_NAME", "DATA_TYPE");
      assertTrue(types.containsAll(List.of("int4|4", "int8|-5", "varchar|12", "bool|-7", "numeric|2", "serial|4")),
          types.toString());
    }
  }

  private static List<String> strings(ResultSet rs, String column) throws SQLException {
    try (rs) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(column));
      }
      return out;
    }
  }

  @Test
  void snapshotTablesHaveStableOids() throws Exception {
    try (Connection source = h2.open("u", "d")) {
      MetadataSnapshot a = MetadataSnapshot.read(source.getMetaData());
      MetadataSnapshot b = MetadataSnapshot.read(source.getMetaData());
      assertEquals(a.tables, b.tables);
      assertTrue(a.tables.stream().allMatch(t -> t.oid() >= MetadataSnapshot.FIRST_USER_OID));
    }
  }
}
