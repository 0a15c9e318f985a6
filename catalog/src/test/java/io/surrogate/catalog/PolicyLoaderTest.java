package io.surrogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.pii.PiiKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy parsing: a full valid file, defaults, and every error naming file, line and field. */
class PolicyLoaderTest {
  private static final UnaryOperator<String> ENV = Map.of("APP_DB_PASSWORD", "s3cret", "APP_HOST", "db.internal")::get;

  private static final String FULL = String.join("\n",
      "source:",
      "  url: jdbc:postgresql://${APP_HOST}:5432/app",
      "  user: app",
      "  password: ${APP_DB_PASSWORD}",
      "  schema: public",
      "default: synthetic",
      "privacy: { epsilon: 3.0, delta: 1e-9, budget: 10.0 }",
      "seed: 42",
      "tables:",
      "  countries: { mode: real, writable: true }",
      "  Patients:",
      "    generator: copula",
      "    epsilon: 1.0",
      "    rows: noisy",
      "    train: manual",
      "    options: { correlation: kendall, bins: 32 }",
      "    columns:",
      "      email: { pii: email }",
      "      age:   { bounds: [0, 120] }",
      "      sex:   { domain: [F, M, X] }",
      "      born:  { bounds: [1900-01-01, 2025-12-31] }",
      "      seen:  { bounds: ['2020-01-01T00:00:00', '2021-01-01T12:30:00'] }",
      "  visits:",
      "    generator: cart",
      "    rows: 100000",
      "    seed: -7",
      "    delta: 1e-7",
      "    budget: 4",
      "    parent: { table: patients, key: patient_id, max_rows_per_parent: 20 }",
      "");

  @Test
  void parsesAFullPolicy() throws PolicyException {
    Policy p = PolicyLoader.parse(FULL, "surrogate.yaml", ENV);
    assertEquals(new SourceConfig("jdbc:postgresql://db.internal:5432/app", "app", "s3cret", "public"), p.source());
    assertFalse(p.source().toString().contains("s3cret"), "password must not show in toString");
    assertEquals(TableMode.SYNTHETIC, p.defaultMode());
    assertEquals(new PrivacyDefaults(3.0, 1e-9, 10.0), p.privacy());
    assertEquals(42L, p.seed());
    assertEquals(List.of("countries", "patients", "visits"), p.tables().keySet().stream().sorted().toList());

    TablePolicy countries = p.forTable("COUNTRIES");
    assertEquals(TableMode.REAL, countries.mode());
    assertTrue(countries.writable());

    TablePolicy patients = p.forTable("patients");
    assertEquals("patients", patients.name(), "an unquoted key folds to lower case");
    assertEquals(TableMode.SYNTHETIC, patients.mode());
    assertEquals("copula", patients.generator());
    assertEquals(1.0, patients.epsilon());
    assertEquals(1e-9, patients.delta());
    assertEquals(10.0, patients.budget());
    assertNull(patients.rows());
    assertEquals(TrainMode.MANUAL, patients.train());
    assertEquals(42L, patients.seed());
    assertEquals(Map.of("correlation", "kendall", "bins", "32"), patients.options());
    assertEquals(PiiKind.EMAIL, patients.column("EMAIL").pii());
    assertEquals(0.0, patients.column("age").lower());
    assertEquals(120.0, patients.column("age").upper());
    assertEquals(BoundsUnit.NUMBER, patients.column("age").boundsUnit());
    assertEquals(List.of("F", "M", "X"), patients.column("sex").domain());
    ColumnPolicy born = patients.column("born");
    assertEquals(BoundsUnit.DATE, born.boundsUnit());
    assertEquals((double) LocalDate.of(1900, 1, 1).toEpochDay(), born.lower());
    assertEquals((double) LocalDate.of(2025, 12, 31).toEpochDay(), born.upper());
    ColumnPolicy seen = patients.column("seen");
    assertEquals(BoundsUnit.DATE_TIME, seen.boundsUnit());
    assertEquals((double) LocalDateTime.of(2021, 1, 1, 12, 30).toEpochSecond(ZoneOffset.UTC), seen.upper());

    TablePolicy visits = p.forTable("visits");
    assertEquals("cart", visits.generator());
    assertEquals(100_000L, visits.rows());
    assertEquals(-7L, visits.seed());
    assertEquals(1e-7, visits.delta());
    assertEquals(4.0, visits.budget());
    assertEquals(3.0, visits.epsilon(), "table inherits privacy.epsilon");
    assertEquals(new ParentPolicy("patients", "patient_id", 20), p.parent("VISITS").orElseThrow());
  }

  @Test
  void unlistedTablesGetDefaults() throws PolicyException {
    Policy p = PolicyLoader.parse("privacy: { epsilon: 2 }\nseed: 5\n", "p.yaml", ENV);
    TablePolicy t = p.forTable("Anything");
    assertEquals("Anything", t.name());
    assertEquals(TableMode.SYNTHETIC, t.mode());
    assertEquals("copula", t.generator());
    assertEquals(2.0, t.epsilon());
    assertEquals(1e-9, t.delta());
    assertEquals(10.0, t.budget());
    assertNull(t.rows());
    assertEquals(TrainMode.AUTO, t.train());
    assertEquals(5L, t.seed());
    assertTrue(t.columns().isEmpty());
    assertFalse(t.writable());
    assertNull(p.source());
  }

  @Test
  void defaultRealMakesUnlistedTablesRealButListedOnesStaySynthetic() throws PolicyException {
    Policy p = PolicyLoader.parse("default: real\ntables:\n  patients: { epsilon: 0.5 }\n", "p.yaml", ENV);
    assertEquals(TableMode.REAL, p.forTable("countries").mode());
    assertEquals(TableMode.SYNTHETIC, p.forTable("patients").mode());
  }

  @Test
  void defaultsWithoutAFile() {
    Policy p = Policy.defaults();
    assertEquals(TableMode.SYNTHETIC, p.defaultMode());
    assertEquals(PrivacyDefaults.standard(), p.privacy());
    assertEquals(new PrivacyDefaults(1.0, 1e-9, 10.0), p.privacy());
    assertTrue(p.file().isEmpty());
    assertTrue(p.tables().isEmpty());
    assertEquals(0L, p.forTable("t").seed());
  }

  @Test
  void emptyDocumentIsTheDefaults() throws PolicyException {
    Policy p = PolicyLoader.parse("", "empty.yaml", ENV);
    assertEquals(TableMode.SYNTHETIC, p.forTable("x").mode());
  }

  @Test
  void loadsFromAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("surrogate.yaml");
    Files.writeString(file, FULL, StandardCharsets.UTF_8);
    Policy p = PolicyLoader.load(file, ENV);
    assertEquals(file, p.file().orElseThrow());
    Files.writeString(file, "tables:\n  t: { generator: gan }\n", StandardCharsets.UTF_8);
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(file, ENV));
    assertTrue(e.getMessage().startsWith("policy surrogate.yaml line 2: "), e.getMessage());
    PolicyException missing = assertThrows(PolicyException.class,
        () -> PolicyLoader.load(dir.resolve("nope.yaml"), ENV));
    assertTrue(missing.getMessage().contains("cannot read the file"), missing.getMessage());
  }

  @Test
  void unknownGenerator() {
    String yaml = String.join("\n", "privacy: { epsilon: 1 }", "tables:", "  patients:", "    epsilon: 1.0",
        "    generator: gan", "");
    PolicyException e = fails(yaml);
    assertEquals("surrogate.yaml", e.fileName());
    assertEquals(5, e.line());
    assertEquals("tables.patients.generator", e.field());
    assertTrue(e.getMessage().startsWith(
        "policy surrogate.yaml line 5: tables.patients.generator: unknown generator 'gan' (expected: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("cart, copula"), e.getMessage());
    assertTrue(e.getMessage().contains("vae"), e.getMessage());
  }

  @Test
  void negativeEpsilon() {
    PolicyException e = fails("tables:\n  patients:\n    epsilon: -1.0\n");
    assertEquals(3, e.line());
    assertEquals("tables.patients.epsilon", e.field());
    assertEquals("policy surrogate.yaml line 3: tables.patients.epsilon: -1.0 (expected: > 0)", e.getMessage());
    PolicyException top = fails("privacy:\n  epsilon: 0\n");
    assertEquals("privacy.epsilon", top.field());
    assertEquals(2, top.line());
  }

  @Test
  void epsilonAboveBudgetIsRefused() {
    PolicyException e = fails("tables:\n  t:\n    epsilon: 5\n    budget: 2\n");
    assertEquals("tables.t.epsilon", e.field());
    assertTrue(e.problem().contains("expected: <= budget 2.0"), e.getMessage());
  }

  @Test
  void badBounds() {
    PolicyException reversed = fails("tables:\n  t:\n    columns:\n      age: { bounds: [120, 0] }\n");
    assertEquals(4, reversed.line());
    assertEquals("tables.t.columns.age.bounds", reversed.field());
    assertTrue(reversed.problem().contains("[120, 0] (expected: lower <= upper)"), reversed.getMessage());

    PolicyException three = fails("tables:\n  t:\n    columns:\n      age: { bounds: [1, 2, 3] }\n");
    assertTrue(three.problem().contains("3 values (expected: [lower, upper])"), three.getMessage());

    PolicyException text = fails("tables:\n  t:\n    columns:\n      age:\n        bounds: [0, lots]\n");
    assertEquals(5, text.line());
    assertEquals("tables.t.columns.age.bounds[1]", text.field());
    assertTrue(text.problem().contains("'lots' (expected: a number)"), text.getMessage());

    PolicyException mixed = fails("tables:\n  t:\n    columns:\n      d: { bounds: [2020-01-01, 5] }\n");
    assertTrue(mixed.problem().contains("a date but upper is a number"), mixed.getMessage());

    PolicyException badDate = fails("tables:\n  t:\n    columns:\n      d: { bounds: [2020-02-30, 2021-01-01] }\n");
    assertTrue(badDate.problem().contains("'2020-02-30' (expected: a valid ISO date"), badDate.getMessage());
  }

  @Test
  void fillNamesHowTheTwinFillsAColumn() throws Exception {
    Policy p = PolicyLoader.parse("tables:\n  staff:\n    columns:\n      picture: { fill: null }\n"
        + "      a: { fill: empty }\n      b: { fill: DEFAULT }\n      doc: { fill: { sql: \"to_tsvector(name)\" } }\n",
        "p.yaml");
    TablePolicy staff = p.forTable("staff");
    assertEquals(ColumnFill.of(ColumnFill.Kind.NULL), staff.column("picture").fill());
    assertEquals(ColumnFill.of(ColumnFill.Kind.EMPTY), staff.column("a").fill());
    assertEquals(ColumnFill.of(ColumnFill.Kind.DEFAULT), staff.column("b").fill());
    assertEquals(ColumnFill.sql("to_tsvector(name)"), staff.column("doc").fill());
    PolicyException word = fails("tables:\n  t:\n    columns:\n      c: { fill: zeros }\n");
    assertEquals("tables.t.columns.c.fill", word.field());
    assertTrue(word.problem().contains("'zeros' (expected: null, empty, default or { sql:"), word.getMessage());
    PolicyException both = fails("tables:\n  t:\n    columns:\n      c: { fill: null, pii: email }\n");
    assertTrue(both.problem().contains("filled columns are never modelled"), both.getMessage());
    PolicyException noSql = fails("tables:\n  t:\n    columns:\n      c: { fill: { sql: '' } }\n");
    assertTrue(noSql.problem().contains("no expression"), noSql.getMessage());
  }

  @Test
  void twinKeyNamesWhereTheProxyServesFrom() throws Exception {
    assertEquals(Optional.of(TwinMode.EMBEDDED), PolicyLoader.parse("twin: embedded\n", "p.yaml").twin());
    assertEquals(Optional.of(TwinMode.NONE), PolicyLoader.parse("twin: None\n", "p.yaml").twin());
    assertEquals(Optional.empty(), PolicyLoader.parse("seed: 1\n", "p.yaml").twin());
    PolicyException bad = fails("twin: postgres\n");
    assertEquals("twin", bad.field());
    assertTrue(bad.problem().contains("'postgres' (expected: embedded, none or the jdbc:postgresql:"),
        bad.getMessage());
    Policy server = PolicyLoader.parse("twin: jdbc:postgresql://testenv:5432/app_twin?user=builder\n", "p.yaml");
    assertEquals(Optional.of(TwinMode.SERVER), server.twin());
    assertEquals(Optional.of("jdbc:postgresql://testenv:5432/app_twin?user=builder"), server.twinServer());
  }

  @Test
  void unknownKeys() {
    PolicyException top = fails("privacy: { epsilon: 1 }\ntabels:\n  t: {}\n");
    assertEquals(2, top.line());
    assertEquals("tabels", top.field());
    assertTrue(top.problem().startsWith("unknown key 'tabels' (expected one of: default, privacy, seed, source,"
        + " tables, twin)"), top.getMessage());

    PolicyException column = fails("tables:\n  t:\n    columns:\n      email: { pi: email }\n");
    assertEquals(4, column.line());
    assertEquals("tables.t.columns.email.pi", column.field());

    PolicyException table = fails("tables:\n  t:\n    epsilom: 1\n");
    assertEquals("tables.t.epsilom", table.field());
    assertEquals(3, table.line());
  }

  @Test
  void missingEnvironmentVariable() {
    String yaml = "source:\n  url: jdbc:postgresql://h/db\n  password: ${SURROGATE_TEST_NOT_SET_X9}\n";
    PolicyException e = assertThrows(PolicyException.class,
        () -> PolicyLoader.parse(yaml, "surrogate.yaml", name -> null));
    assertEquals(3, e.line());
    assertEquals("source.password", e.field());
    assertTrue(e.problem().startsWith("environment variable SURROGATE_TEST_NOT_SET_X9 is not set"), e.getMessage());
  }

  @Test
  void environmentFallbackAndEscape() throws PolicyException {
    Policy p = PolicyLoader.parse("source:\n  url: jdbc:h2:mem:${DB:-fallback}\n  password: a$${NOT}b\n",
        "p.yaml", name -> null);
    assertEquals("jdbc:h2:mem:fallback", p.source().url());
    assertEquals("a${NOT}b", p.source().password());
  }

  @Test
  void writableOnlyForRealTables() {
    PolicyException e = fails("tables:\n  patients: { writable: true }\n");
    assertEquals("tables.patients.writable", e.field());
    assertTrue(e.problem().contains("only mode: real tables can be writable"), e.getMessage());
  }

  @Test
  void realTablesTakeNoSyntheticSettings() {
    PolicyException e = fails("tables:\n  countries:\n    mode: real\n    columns:\n      name: { pii: name }\n");
    assertEquals("tables.countries.columns", e.field());
    assertEquals(4, e.line());
    assertTrue(e.problem().contains("applies only to synthetic tables"), e.getMessage());
  }

  @Test
  void otherFieldErrors() {
    assertEquals("tables.t.columns.e.pii", fails("tables:\n  t:\n    columns:\n      e: { pii: dna }\n").field());
    assertEquals("tables.t.rows", fails("tables:\n  t: { rows: many }\n").field());
    assertEquals("tables.t.rows", fails("tables:\n  t: { rows: -3 }\n").field());
    assertEquals("tables.t.mode", fails("tables:\n  t: { mode: fake }\n").field());
    assertEquals("tables.t.train", fails("tables:\n  t: { train: sometimes }\n").field());
    assertEquals("tables.t.delta", fails("tables:\n  t: { delta: 1.5 }\n").field());
    assertEquals("tables.t.seed", fails("tables:\n  t: { seed: 1.5 }\n").field());
    assertEquals("tables.t.columns.s.domain", fails("tables:\n  t:\n    columns:\n      s: { domain: [] }\n").field());
    assertEquals("tables.t.columns.s.domain[1]",
        fails("tables:\n  t:\n    columns:\n      s: { domain: [a, a] }\n").field());
    assertEquals("tables.t.columns.s", fails("tables:\n  t:\n    columns:\n      s: { pii: email, domain: [a] }\n")
        .field());
    assertEquals("tables.t.parent.key", fails("tables:\n  t:\n    parent: { table: p }\n").field());
    assertEquals("source.url", fails("source:\n  url: postgresql://h/db\n").field());
    assertEquals("default", fails("default: maybe\n").field());
    assertEquals("tables.a.b.c", fails("tables:\n  a.b.c: {}\n").field());
    assertEquals("tables.\"t", fails("tables:\n  '\"t': {}\n").field());
  }

  @Test
  void duplicateKeysAreRefused() {
    PolicyException e = fails("tables:\n  t:\n    epsilon: 1\n    epsilon: 2\n");
    assertEquals(4, e.line());
    assertTrue(e.problem().contains("duplicate key 'epsilon' (first at line 3)"), e.getMessage());
    PolicyException tables = fails("tables:\n  T: {}\n  t: {}\n");
    assertEquals(3, tables.line());
  }

  @Test
  void invalidYamlNamesTheLine() {
    PolicyException e = fails("tables:\n  t: { epsilon: 1\n  u: {}\n");
    assertTrue(e.line() >= 2, "line " + e.line());
    assertTrue(e.getMessage().startsWith("policy surrogate.yaml line "), e.getMessage());
    assertTrue(e.problem().startsWith("not valid YAML"), e.getMessage());
  }

  @Test
  void infinityIsAcceptedForComparisonRuns() throws PolicyException {
    Policy p = PolicyLoader.parse("tables:\n  t: { epsilon: .inf, budget: .inf }\n", "p.yaml", ENV);
    assertTrue(Double.isInfinite(p.forTable("t").epsilon()));
    assertEquals("tables.t.epsilon", fails("tables:\n  t: { epsilon: .inf }\n").field());
  }

  private static PolicyException fails(String yaml) {
    return assertThrows(PolicyException.class, () -> PolicyLoader.parse(yaml, "surrogate.yaml", ENV));
  }
}
