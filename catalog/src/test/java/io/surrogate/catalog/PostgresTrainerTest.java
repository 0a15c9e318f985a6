package io.surrogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.TableSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Training from a real PostgreSQL source through a HikariCP pool, with the catalog in PostgreSQL too. */
class PostgresTrainerTest {
  private final List<String> schemas = new ArrayList<>();
  private String schema;
  private HikariDataSource pool;
  private Catalog catalog;

  @BeforeAll
  static void requirePostgres() {
    assumeTrue(PostgresCatalogTest.reachable(), "PostgreSQL not reachable at 127.0.0.1:5432; skipping");
  }

  @BeforeEach
  void setUp() throws SQLException {
    catalog = Catalogs.open(PostgresCatalogTest.inNewSchema(schemas));
    schema = PostgresCatalogTest.inNewSchema(schemas).getCurrentSchema();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
    config.setUsername("postgres");
    config.setMaximumPoolSize(2);
    config.setPoolName("test-source");
    pool = new HikariDataSource(config);
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TYPE " + schema + ".mood AS ENUM ('sad', 'ok', 'happy')");
      s.execute("CREATE TABLE " + schema + ".patients (id serial PRIMARY KEY, email text, age int,"
          + " weight float8, mood " + schema + ".mood, born date, seen timestamptz, active bool,"
          + " balance numeric(10, 2), token uuid)");
      s.execute("INSERT INTO " + schema + ".patients (email, age, weight, mood, born, seen, active, balance, token)"
          + " SELECT 'p' || g || '@real.example', 20 + g % 50, 50 + g % 40, (ARRAY['sad','ok','happy'])[1 + g % 3]::"
          + schema + ".mood, DATE '1960-01-01' + g, TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * INTERVAL '1 hour',"
          + " g % 2 = 0, g / 7.0, md5(g::text)::uuid FROM generate_series(1, 3000) g");
    }
  }

  @AfterEach
  void tearDown() throws SQLException {
    if (pool != null) {
      pool.close();
    }
    if (catalog != null) {
      catalog.close();
    }
    PostgresCatalogTest.drop(schemas);
  }

  private Policy policy() throws PolicyException {
    return PolicyLoader.parse(String.join("\n", "tables:", "  patients:",
        "    generator: " + DpMeanTestGenerator.NAME, "    epsilon: 1.0", "    columns:",
        "      email: { pii: email }", "      age: { bounds: [0, 100] }", ""), "t.yaml", n -> null);
  }

  @Test
  void readsPostgresTypesAndTrains() throws Exception {
    TableSpec spec;
    try (Connection c = pool.getConnection()) {
      spec = SchemaReader.read(c, schema, "PATIENTS", policy().forTable("patients"));
    }
    assertEquals(List.of(ColumnKind.INTEGER, ColumnKind.CATEGORICAL, ColumnKind.INTEGER, ColumnKind.FLOAT,
        ColumnKind.CATEGORICAL, ColumnKind.DATE, ColumnKind.TIMESTAMP, ColumnKind.BOOLEAN, ColumnKind.DECIMAL,
        ColumnKind.CATEGORICAL), spec.columns().stream().map(c -> c.kind()).toList());
    assertEquals(ColumnRole.KEY, spec.column(0).role());
    assertEquals(List.of("sad", "ok", "happy"), spec.column(4).domain(), "enum labels are a public domain");
    assertEquals(null, spec.column(1).domain());
    assertEquals(2, spec.column(8).scale());

    String sourceId = SourceIds.of("jdbc:postgresql://127.0.0.1/test?user=postgres");
    StoredModel stored = new Trainer(catalog, policy(), sourceId, pool, schema).train("patients", null);
    assertEquals(1, stored.version());
    assertTrue(Math.abs(stored.rows() - 3000) < 60, "noisy count " + stored.rows());
    double mean = DpMeanTestGenerator.meanOf(catalog.latestModel(sourceId, "patients").orElseThrow().model(), "age");
    assertTrue(Math.abs(mean - 44.5) < 3, "noisy mean " + mean);
    try (Connection c = pool.getConnection()) {
      assertTrue(c.getAutoCommit(), "the pooled connection is handed back in auto-commit mode");
    }
  }

  @Test
  void valueConversionErrorsDoNotQuoteTheValue() throws Exception {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + schema + ".odd (x numeric)");
      s.execute("INSERT INTO " + schema + ".odd VALUES (1.5), ('NaN')");
    }
    Policy p = PolicyLoader.parse("tables:\n  odd: { generator: " + DpMeanTestGenerator.NAME + " }\n", "t.yaml",
        n -> null);
    String sourceId = SourceIds.of("jdbc:postgresql://127.0.0.1/test");
    SQLException e = assertThrows(SQLException.class,
        () -> new Trainer(catalog, p, sourceId, pool, schema).train("odd", null));
    assertTrue(e.getMessage().contains("column x"), e.getMessage());
    assertFalse(e.getMessage().contains("NaN"), e.getMessage());
    assertTrue(catalog.latestModel(sourceId, "odd").isEmpty());
    assertEquals(0.0, catalog.spentEpsilon(sourceId, "odd"));
  }

  /** customers (300 rows) referenced by a public stores table up to key 900, and a range-partitioned visits. */
  private Policy partitioned() throws Exception {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + schema + ".customers (id int PRIMARY KEY, age int)");
      s.execute("INSERT INTO " + schema + ".customers SELECT g, 20 + g % 50 FROM generate_series(1, 900) g");
      s.execute("CREATE TABLE " + schema + ".stores (id int PRIMARY KEY, owner_id int NOT NULL REFERENCES "
          + schema + ".customers (id))");
      s.execute("INSERT INTO " + schema + ".stores VALUES (1, 3), (2, 900)");
      s.execute("DELETE FROM " + schema + ".customers WHERE id > 300 AND id < 900");
      s.execute("CREATE TABLE " + schema + ".visits (id int NOT NULL, customer_id int NOT NULL, at date NOT NULL)"
          + " PARTITION BY RANGE (at)");
      s.execute("CREATE TABLE " + schema + ".visits_a PARTITION OF " + schema + ".visits"
          + " FOR VALUES FROM ('2022-01-01') TO ('2022-02-01')");
      s.execute("CREATE TABLE " + schema + ".visits_b PARTITION OF " + schema + ".visits"
          + " FOR VALUES FROM ('2022-02-01') TO ('2022-03-01')");
      for (String p : List.of("visits_a", "visits_b")) {
        s.execute("ALTER TABLE " + schema + "." + p + " ADD FOREIGN KEY (customer_id) REFERENCES " + schema
            + ".customers (id)");
      }
    }
    Policy p = PolicyLoader.parse("default: real\ntables:\n  customers:\n    mode: synthetic\n    generator: "
        + DpMeanTestGenerator.NAME + "\n    columns: { age: { bounds: [0, 100] } }\n  visits: { mode: synthetic }\n",
        "t.yaml", n -> null);
    try (Connection c = pool.getConnection()) {
      return p.bind(c, schema);
    }
  }

  @Test
  void aPartitionIsAsSensitiveAsItsPartitionedTable() throws Exception {
    Policy p = partitioned();
    assertEquals(TableMode.SYNTHETIC, p.forTable("visits_a").mode(), "default: real must not serve a partition");
    assertEquals(TableMode.SYNTHETIC, p.forTable("visits_b").mode());
    assertEquals(TableMode.REAL, p.forTable("stores").mode());
  }

  @Test
  void aPartitionedTableTakesItsPartitionsForeignKeysAndBounds() throws Exception {
    Policy p = partitioned();
    TableSpec spec;
    try (Connection c = pool.getConnection()) {
      spec = SchemaReader.read(c, schema, "visits", p.forTable("visits"));
    }
    assertEquals(ColumnRole.FOREIGN_KEY, spec.column(spec.indexOf("customer_id")).role(),
        "the partitions' foreign key links the parent");
    var at = spec.column(spec.indexOf("at"));
    assertEquals((double) java.time.LocalDate.of(2022, 1, 1).toEpochDay(), at.lower());
    assertEquals((double) java.time.LocalDate.of(2022, 2, 28).toEpochDay(), at.upper(),
        "no row outside the partitions can be stored: their span is public bounds");
  }

  @Test
  void publicReferencesSetTheFewestRowsASyntheticTableServes() throws Exception {
    Policy p = partitioned();
    String sourceId = SourceIds.of("jdbc:postgresql://127.0.0.1/test?floor");
    StoredModel stored = new Trainer(catalog, p, sourceId, pool, schema).train("customers", null);
    assertTrue(stored.rows() >= 900, "stores reference customer 900, so 301 rows cannot hold: " + stored.rows());
  }
}
