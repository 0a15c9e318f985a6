package io.surrogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.relational.LinkModel;
import io.surrogate.synth.relational.RelationalModel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training tables with foreign keys: what is released per link, and the errors a bad schema or policy gets. */
class LinkedTrainingTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  @TempDir
  Path dir;
  private Catalog catalog;
  private JdbcDataSource source;
  private Connection keepAlive;
  private String sourceId;

  @BeforeEach
  void setUp() throws SQLException {
    catalog = Catalogs.open("jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath(), "sa", "");
    source = new JdbcDataSource();
    String url = "jdbc:h2:mem:linked" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    source.setURL(url);
    sourceId = SourceIds.of(url);
    keepAlive = source.getConnection();
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE shops (id INT PRIMARY KEY, kind VARCHAR(5) NOT NULL)");
      s.execute("INSERT INTO shops SELECT x, CASE WHEN MOD(x, 2) = 0 THEN 'a' ELSE 'b' END FROM SYSTEM_RANGE(1, 5)");
      s.execute("CREATE TABLE people (id INT PRIMARY KEY, age INT NOT NULL, mentor INT REFERENCES people (id))");
      s.execute("INSERT INTO people SELECT x, 20 + MOD(x * 7, 50), CASE WHEN x = 1 THEN NULL ELSE x - 1 END"
          + " FROM SYSTEM_RANGE(1, 200)");
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, person_id INT NOT NULL REFERENCES people (id),"
          + " shop_id INT REFERENCES shops (id), amount INT NOT NULL)");
      // person p has p mod 4 orders; shop is NULL for every fifth order
      s.execute("INSERT INTO orders SELECT ROW_NUMBER() OVER (), p.x, CASE WHEN MOD(o.x + p.x, 5) = 0 THEN NULL"
          + " ELSE 1 + MOD(o.x, 5) END, 10 * o.x FROM SYSTEM_RANGE(1, 200) p JOIN SYSTEM_RANGE(1, 3) o"
          + " ON o.x <= MOD(p.x, 4)");
    }
  }

  @AfterEach
  void tearDown() throws SQLException {
    try (Statement s = keepAlive.createStatement()) {
      s.execute("SHUTDOWN");
    }
    catalog.close();
  }

  private Trainer trainer(String yaml) throws PolicyException {
    return new Trainer(catalog, PolicyLoader.parse(yaml, "t.yaml"), sourceId, source, null);
  }

  @Test
  void childReleasesCardinalityKeyWeightsAndNullRateForItsParentEntity() throws Exception {
    StoredModel m = trainer("tables:\n  shops: { mode: real }\n  orders:\n    epsilon: 2.0\n"
        + "    parent: { table: people, key: person_id, max_rows_per_parent: 3 }\n").train("orders", null);
    assertEquals(ColumnRole.FOREIGN_KEY, m.model().spec().column(1).role());
    RelationalModel r = m.relational().orElseThrow();
    LinkModel driving = r.driving().orElseThrow();
    assertEquals("PERSON_ID", driving.column().toUpperCase());
    assertEquals(3, driving.cap());
    assertEquals(4, driving.weights().length, "counts 0..3");
    LinkModel shop = r.links().get(1);
    assertEquals(LinkModel.Kind.CHOICE, shop.kind());
    assertEquals(java.util.List.of("1", "2", "3", "4", "5"), shop.realKeys(), "real parent keys are public");
    // at epsilon 2 the NULL count carries noise of scale ~60 against ~60 NULLs, so only its range is certain here
    assertTrue(shop.nullRate() >= 0 && shop.nullRate() <= 1, "released null rate " + shop.nullRate());
    LedgerEntry entry = catalog.ledger(sourceId, "orders").get(0);
    assertEquals("parent:people (max 3 rows)", entry.unit());
    assertTrue(entry.epsilon() <= 2.0 + 1e-9, "entity-level epsilon within the table's epsilon: " + entry.epsilon());
    assertTrue(entry.releases().stream().anyMatch(l -> l.contains("group of 3 rows per parent")), entry.releases()
        .toString());
  }

  @Test
  void withoutNoiseTheNullRateIsTheShareOfNullKeys() throws Exception {
    StoredModel m = trainer("tables:\n  shops: { mode: real }\n  orders:\n    epsilon: inf\n    budget: inf\n"
        + "    parent: { table: people, key: person_id, max_rows_per_parent: 3 }\n").train("orders", null);
    double expected;
    try (Statement s = keepAlive.createStatement(); java.sql.ResultSet rs = s.executeQuery(
        "SELECT CAST(SUM(CASE WHEN shop_id IS NULL THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(*) FROM orders")) {
      rs.next();
      expected = rs.getDouble(1);
    }
    assertTrue(expected > 0 && expected < 1, "the fixture has some NULL shops: " + expected);
    assertEquals(expected, m.relational().orElseThrow().links().get(1).nullRate(), 1e-12);
  }

  @Test
  void cartChildIsFittedWithItsParentsColumnsAndCopulaRefusesToCondition() throws Exception {
    // refusals first: they spend nothing, while the epsilon-infinity training below spends the whole cap
    SQLException copula = assertThrows(SQLException.class, () -> trainer("tables:\n  orders:\n"
        + "    parent: { table: people, key: person_id, condition_on: [age] }\n").train("orders", null));
    assertEquals("22023", copula.getSQLState());
    assertTrue(copula.getMessage().contains("cannot condition"), copula.getMessage());
    SQLException missing = assertThrows(SQLException.class, () -> trainer("tables:\n  orders:\n    generator: cart\n"
        + "    parent: { table: people, key: person_id, condition_on: [height] }\n").train("orders", null));
    assertEquals("42703", missing.getSQLState());
    assertTrue(missing.getMessage().contains("height"), missing.getMessage());
    StoredModel m = trainer("tables:\n  shops: { mode: real }\n  orders:\n    generator: cart\n    epsilon: inf\n"
        + "    budget: inf\n    parent: { table: people, key: person_id, max_rows_per_parent: 3 }\n").train("orders", null);
    LinkModel driving = m.relational().orElseThrow().driving().orElseThrow();
    assertEquals(java.util.List.of("AGE"), driving.conditionOn(), "by default every modelled parent column");
    assertTrue(m.model().spec().indexOf(LinkModel.conditionColumn("AGE")) >= 0);
    assertEquals(m.fingerprint(), SchemaReader.read(keepAlive, null, "orders",
        PolicyLoader.parse("tables: {}\n", "t.yaml").forTable("orders")).fingerprint(),
        "the stored fingerprint is the served table's, without the conditioning columns");
  }

  @Test
  void aLinkedTableAboveItsTrainingCapIsFittedOnASampleOfWholeParents() throws Exception {
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE visits (id INT PRIMARY KEY, person_id INT NOT NULL REFERENCES people (id),"
          + " minutes INT NOT NULL)");
      // 30 visits per person, 20 of them read per person: 4,000 clipped rows against a cap of 1,000
      s.execute("INSERT INTO visits SELECT ROW_NUMBER() OVER (), p.x, MOD(p.x * v.x, 90) FROM SYSTEM_RANGE(1, 200) p"
          + " CROSS JOIN SYSTEM_RANGE(1, 30) v");
    }
    // epsilon 50: its 1 % for the count (scale 20 / 0.5 = 40) keeps q near 0.25 whatever the noise
    StoredModel m = trainer("tables:\n  visits:\n    epsilon: 50\n    budget: 100\n    max_training_rows: 1000\n"
        + "    parent: { table: people, key: person_id, max_rows_per_parent: 20 }\n"
        + "    columns: { minutes: { bounds: [0, 90] } }\n").train("visits", null);
    LedgerEntry entry = catalog.ledger(sourceId, "visits").get(0);
    java.util.List<String> releases = entry.releases();
    assertTrue(releases.stream().anyMatch(l -> l.startsWith("row count for the training sample: discrete Laplace,"
        + " sensitivity 20")), releases.toString());
    assertTrue(releases.stream().anyMatch(l -> l.startsWith("training sample: Poisson q=0.2")
        && l.contains("of whole parents (up to 20 rows each)")), releases.toString());
    assertTrue(entry.epsilon() <= 50 + 1e-9, "the amplified cost stays within the table's epsilon: "
        + entry.epsilon());
    assertEquals(LinkModel.Kind.DRIVING, m.relational().orElseThrow().driving().orElseThrow().kind());
  }

  @Test
  void selfReferenceIsReleasedAsARate() throws Exception {
    StoredModel m = trainer("tables:\n  people: { epsilon: inf, budget: inf }\n").train("people", null);
    LinkModel self = m.relational().orElseThrow().links().get(0);
    assertEquals(LinkModel.Kind.SELF, self.kind());
    assertEquals(1 / 200.0, self.nullRate(), 1e-12, "exact at epsilon infinity");
    assertEquals("row", catalog.ledger(sourceId, "people").get(0).unit());
  }

  @Test
  void aPolicyKeyColumnThatDoesNotExistIsRefusedNamingTheTable() {
    SQLException e = assertThrows(SQLException.class, () -> trainer(
        "tables:\n  orders:\n    parent: { table: people, key: buyer_id }\n").train("orders", null));
    assertEquals("42703", e.getSQLState());
    assertTrue(e.getMessage().toLowerCase().contains("orders") && e.getMessage().contains("buyer_id"),
        e.getMessage());
  }

  @Test
  void aCapBelowOneIsRefusedByThePolicy() {
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse(
        "tables:\n  orders:\n    parent: { table: people, key: person_id, max_rows_per_parent: 0 }\n", "t.yaml"));
    assertTrue(e.getMessage().contains("orders.parent.max_rows_per_parent"), e.getMessage());
  }

  @Test
  void aCycleThatNoNullableKeyBreaksIsRefusedNamingItsTables() throws Exception {
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE a (id INT PRIMARY KEY, b_id INT NOT NULL)");
      s.execute("CREATE TABLE b (id INT PRIMARY KEY, a_id INT NOT NULL REFERENCES a (id))");
      s.execute("ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id)");
    }
    SQLException e = assertThrows(SQLException.class, () -> trainer("tables: {}\n").train("a", null));
    assertEquals("42P17", e.getSQLState());
    assertTrue(e.getMessage().toLowerCase().contains("a -> b -> a"), e.getMessage());
    assertTrue(catalog.ledger(sourceId, "a").isEmpty(), "nothing spent on a refused training");
  }

  @Test
  void aCycleWithANullableKeyIsBrokenThereAndServedAsNull() throws Exception {
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE c (id INT PRIMARY KEY, d_id INT)");
      s.execute("CREATE TABLE d (id INT PRIMARY KEY, c_id INT NOT NULL REFERENCES c (id))");
      s.execute("ALTER TABLE c ADD FOREIGN KEY (d_id) REFERENCES d (id)");
      s.execute("INSERT INTO c SELECT x, NULL FROM SYSTEM_RANGE(1, 30)");
      s.execute("INSERT INTO d SELECT x, x FROM SYSTEM_RANGE(1, 30)");
    }
    StoredModel c = trainer("tables: {}\n").train("c", null);
    LinkModel broken = c.relational().orElseThrow().links().get(0);
    assertEquals(1.0, broken.nullRate(), "the link that closes the cycle is served as NULL");
    StoredModel d = trainer("tables: {}\n").train("d", null);
    assertEquals(LinkModel.Kind.DRIVING, d.relational().orElseThrow().driving().orElseThrow().kind());
  }
}
