package io.surrogate.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.ProxyServer;
import io.surrogate.proxy.catalog.MetadataSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * psql backslash commands against the emulated pg_catalog, on a Calcite engine that gets the same metadata
 * schemas the Surrogate driver receives through addMetadataSchema.
 */
class PsqlCatalogIT {
  private static final String H2 = "jdbc:h2:mem:psqlcatalog;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
  private static Connection keepAlive;
  private static ProxyServer server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    keepAlive = DriverManager.getConnection(H2);
    try (Statement st = keepAlive.createStatement()) {
      st.execute("create table items (id int primary key, name varchar(40) not null, price numeric(10,2))");
      st.execute("create table orders (id int constraint orders_pkey primary key, "
          + "item_id int constraint orders_item_fkey references items(id))");
      st.execute("comment on table items is 'things we sell'");
      st.execute("comment on column items.price is 'in euros'");
    }
    server = new ProxyServer(ProxyConfig.builder().port(0).build(), PsqlCatalogIT::engine);
    port = server.start();
  }

  private static Connection engine(String user, String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    // The Surrogate driver's SQL surface: Babel parser, PostgreSQL functions, unquoted names folded to lower case.
    p.setProperty("unquotedCasing", "TO_LOWER");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("parserFactory", "org.apache.calcite.sql.parser.babel.SqlBabelParserImpl#FACTORY");
    p.setProperty("conformance", "BABEL");
    p.setProperty("fun", "standard,postgresql");
    p.setProperty("typeSystem", PgLikeTypeSystem.class.getName() + "#INSTANCE");
    Connection c = DriverManager.getConnection("jdbc:calcite:", p);
    try (Connection source = DriverManager.getConnection(H2)) {
      MetadataSchemas.install(source, database, user, Map.of("server_version", "16.4"),
          MetadataSchemas.of(c.unwrap(CalciteConnection.class).getRootSchema()::add));
    }
    return c;
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    keepAlive.close();
  }

  @Test
  void backslashCommands() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql not installed: /usr/bin/psql");
    Path script = Path.of(PsqlCatalogIT.class.getResource("/proxy/catalog.psql").toURI());
    ClientProcess p = ClientProcess.run(List.of("/usr/bin/psql", "-X", "-A", "-t", "-h", "127.0.0.1", "-p",
        Integer.toString(port), "-U", "ann", "-d", "shop", "-f", script.toString()),
        Map.of("PGCONNECT_TIMEOUT", "10"), null, 60);
    assertEquals(List.of("public|ann", "public|items|table|ann", "public|orders|table|ann",
        "shop|ann|UTF8|C|C||libc|", "0", "id|INTEGER", "name|CHARACTER VARYING", "price|NUMERIC"),
        p.lines(), p.stderr());
  }

  /**
   * psql's {@code \d} runs a dozen catalog queries, {@code \dt+} and {@code \d+} a few more; one failing would abort
   * it with an error instead.
   */
  @Test
  void describeTableExpandedAndTiming() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql not installed: /usr/bin/psql");
    Path script = Path.of(PsqlCatalogIT.class.getResource("/proxy/describe.psql").toURI());
    ClientProcess p = ClientProcess.run(List.of("/usr/bin/psql", "-X", "-h", "127.0.0.1", "-p",
        Integer.toString(port), "-U", "ann", "-d", "shop", "-v", "ON_ERROR_STOP=1", "-f", script.toString()),
        Map.of("PGCONNECT_TIMEOUT", "10"), null, 60);
    assertEquals(0, p.exitCode(), p.stderr());
    String out = String.join("\n", p.lines());
    for (String expected : List.of("Table \"public.orders\"", "Column  |  Type   | Collation | Nullable | Default",
        " id      | integer |           | not null |", "Indexes:", "\"orders_pkey\" PRIMARY KEY, btree (id)",
        "Foreign-key constraints:", "\"orders_item_fkey\" FOREIGN KEY (item_id) REFERENCES items(id)",
        "Table \"public.items\"", " name   | character varying(40) |           | not null |",
        " price  | numeric(10,2)         |           |          |", "Referenced by:",
        "TABLE \"orders\" CONSTRAINT \"orders_item_fkey\" FOREIGN KEY (item_id) REFERENCES items(id)",
        "Expanded display is on.", "-[ RECORD 1 ]", "nspname | public", "Expanded display is off.",
        "Timing is on.", "Time: ",
        // \dt+ and \d+ items: sizes are unknown (they follow from row counts); comments come from the source.
        "List of relations", "| items  | table | ann   | permanent   | heap          |      | things we sell",
        "Stats target | Description", "in euros", "Access method: heap")) {
      assertTrue(out.contains(expected), "missing <" + expected + "> in:\n" + out + "\n" + p.stderr());
    }
    assertTrue(p.stderr().isBlank(), p.stderr());
  }
}
