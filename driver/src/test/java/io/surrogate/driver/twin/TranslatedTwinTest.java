package io.surrogate.driver.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.driver.internal.DriverConfig;
import io.surrogate.driver.internal.Engines;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The twin of an H2 source on the local PostgreSQL: its tables translated from JDBC metadata into PostgreSQL types
 * under the names clients write unquoted, keys and foreign keys holding over the synthetic rows, public rows copied
 * value for value, and the Calcite engine's synthetic rows; skipped when PostgreSQL is unreachable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranslatedTwinTest {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String CANARY = "Canary-h2-51c";

  private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final String h2 = "jdbc:h2:mem:translated" + suffix + ";DB_CLOSE_DELAY=-1";
  private final String twinDb = "twtrans_" + suffix;
  private Connection keepAlive;
  private Properties properties;

  @BeforeAll
  void build(@TempDir Path dir) throws Exception {
    try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", "")) {
      c.isValid(5);
    } catch (SQLException e) {
      Assumptions.abort("PostgreSQL unreachable at " + SERVER + ": " + e.getMessage());
    }
    keepAlive = DriverManager.getConnection(h2);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE countries (code VARCHAR(2) PRIMARY KEY, name VARCHAR(40) NOT NULL, area DECIMAL(9, 1),"
          + " founded DATE, flag VARBINARY(16), seen TIMESTAMP, ok BOOLEAN)");
      s.execute("INSERT INTO countries VALUES ('FR', 'France', 551695.5, DATE '1958-10-04', X'00ff',"
          + " TIMESTAMP '2024-01-02 03:04:05', TRUE), ('DE', 'Germany', NULL, NULL, NULL, NULL, FALSE)");
      s.execute("CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(80), age INT NOT NULL,"
          + " country VARCHAR(2) REFERENCES countries (code), balance DECIMAL(8, 2))");
      s.execute("INSERT INTO customers (email, age, country, balance) SELECT '" + CANARY + "' || x || '@x.org',"
          + " 20 + MOD(x, 50), CASE WHEN MOD(x, 2) = 0 THEN 'FR' ELSE 'DE' END, x / 4.0 FROM SYSTEM_RANGE(1, 300)");
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers (id),"
          + " qty INT)");
      s.execute("CREATE INDEX orders_qty ON orders (qty)");
      s.execute("INSERT INTO orders SELECT x, 1 + MOD(x, 300), MOD(x, 5) FROM SYSTEM_RANGE(1, 900)");
    }
    Path policy = Files.writeString(dir.resolve("surrogate.yaml"), """
        default: synthetic
        tables:
          countries: { mode: real }
          customers:
            epsilon: 5.0
            columns:
              email: { pii: email }
              age: { bounds: [0, 120] }
              balance: { bounds: [0, 100] }
          orders:
            epsilon: 5.0
            columns:
              qty: { bounds: [0, 9] }
        """, StandardCharsets.UTF_8);
    properties = new Properties();
    properties.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath() + ";AUTO_SERVER=TRUE");
    properties.setProperty("policy", policy.toString());
    properties.setProperty("seed", "5");
    properties.setProperty("partitionSize", "64");
    new TwinBuilder(null, 2).build(config(), new TwinTarget(SERVER + "test", "postgres", null, twinDb));
  }

  @AfterAll
  void drop() throws SQLException {
    Engines.closeIdle();
    if (keepAlive != null) {
      keepAlive.close();
    }
    try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + twinDb + " WITH (FORCE)");
    } catch (SQLException ignored) {
      // the server was unreachable: nothing was created
    }
  }

  private DriverConfig config() throws SQLException {
    return DriverConfig.parse("jdbc:surrogate:" + h2.substring("jdbc:".length()), properties);
  }

  private List<List<String>> twin(String sql) throws SQLException {
    return rows(DriverManager.getConnection(SERVER + twinDb, "postgres", ""), sql);
  }

  @Test
  void tablesTakeTheNamesClientsWriteAndTheNearestPostgresqlTypes() throws SQLException {
    assertEquals(List.of(List.of("code", "character varying(2)", "t"), List.of("name", "character varying(40)", "t"),
            List.of("area", "numeric(9,1)", "f"), List.of("founded", "date", "f"), List.of("flag", "bytea", "f"),
            List.of("seen", "timestamp without time zone", "f"), List.of("ok", "boolean", "f")),
        twin("SELECT attname, format_type(atttypid, atttypmod), attnotnull::text FROM pg_attribute"
            + " WHERE attrelid = 'public.countries'::regclass AND attnum > 0 ORDER BY attnum").stream()
            .map(r -> List.of(r.get(0), r.get(1), r.get(2).substring(0, 1))).toList());
    assertEquals(List.of(List.of("customers_pkey", "p"), List.of("customers_country_fkey", "f")),
        twin("SELECT conname, contype::text FROM pg_constraint WHERE conrelid = 'customers'::regclass"
            + " ORDER BY contype DESC"));
    assertFalse(twin("SELECT 1 FROM pg_indexes WHERE tablename = 'orders' AND indexdef LIKE '%(qty)%'").isEmpty(),
        "the source's index on orders.qty");
  }

  @Test
  void publicRowsAreCopiedValueForValue() throws SQLException {
    assertEquals(List.of(Arrays.asList("DE", "Germany", null, null, null, null, "f"),
            List.of("FR", "France", "551695.5", "1958-10-04", "\\x00ff", "2024-01-02 03:04:05", "t")),
        twin("SELECT * FROM countries ORDER BY code"));
  }

  @Test
  void syntheticRowsAreTheCalciteEnginesAndKeysHold() throws SQLException {
    List<List<String>> served = rows(DriverManager.getConnection("jdbc:surrogate:" + h2.substring(5), properties),
        "SELECT id, email, age, country, balance FROM customers ORDER BY id");
    List<List<String>> twin = twin("SELECT id, email, age, country, balance FROM customers ORDER BY id");
    assertFalse(twin.isEmpty());
    assertEquals(served, twin);
    assertTrue(twin.stream().noneMatch(r -> String.valueOf(r.get(1)).contains(CANARY)), "a real e-mail");
    assertEquals(List.of(List.of("0")), twin("SELECT count(*) FROM orders o LEFT JOIN customers c"
        + " ON c.id = o.customer_id WHERE c.id IS NULL"));
    assertEquals(List.of(List.of("t")), twin("SELECT nextval(pg_get_serial_sequence('customers', 'id'))"
        + " > (SELECT max(id) FROM customers)"), "the identity continues after the synthetic keys");
  }

  private static List<List<String>> rows(Connection c, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (c; Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v == null ? null : v instanceof Number num
              ? new BigDecimal(num.toString()).stripTrailingZeros().toPlainString() : rs.getString(i));
        }
        out.add(row);
      }
    }
    return out;
  }
}
