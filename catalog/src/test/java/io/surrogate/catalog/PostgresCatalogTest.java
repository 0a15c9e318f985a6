package io.surrogate.catalog;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/** The catalog contract on PostgreSQL 127.0.0.1:5432/test, in schemas created and dropped here. */
class PostgresCatalogTest extends CatalogContractTest {
  static final String HOST = "127.0.0.1";
  static final int PORT = 5432;
  private final List<String> schemas = new ArrayList<>();

  @BeforeAll
  static void requirePostgres() {
    assumeTrue(reachable(), "PostgreSQL not reachable at " + HOST + ":" + PORT + "; skipping");
  }

  static boolean reachable() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(HOST, PORT), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static PGSimpleDataSource admin() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {HOST});
    ds.setPortNumbers(new int[] {PORT});
    ds.setDatabaseName("test");
    ds.setUser("postgres");
    return ds;
  }

  /** Creates a uniquely named schema and returns a data source whose current schema it is. */
  static PGSimpleDataSource inNewSchema(List<String> created) throws SQLException {
    String schema = "surrogate_cat_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
        .toLowerCase(Locale.ROOT);
    try (Connection c = admin().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    created.add(schema);
    PGSimpleDataSource ds = admin();
    ds.setCurrentSchema(schema);
    return ds;
  }

  static void drop(List<String> created) throws SQLException {
    try (Connection c = admin().getConnection(); Statement s = c.createStatement()) {
      for (String schema : created) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    created.clear();
  }

  @Override
  DataSource freshDatabase() throws SQLException {
    return inNewSchema(schemas);
  }

  @AfterEach
  void dropSchemas() throws SQLException {
    close();
    catalog = null;
    drop(schemas);
  }
}
