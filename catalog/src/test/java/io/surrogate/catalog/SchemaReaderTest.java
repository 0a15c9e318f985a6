package io.surrogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.pii.PiiKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schema reading from H2 metadata with policy declarations applied. */
class SchemaReaderTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private Connection source;

  @BeforeEach
  void createSource() throws SQLException {
    source = DriverManager.getConnection("jdbc:h2:mem:schema" + COUNTER.incrementAndGet());
    try (Statement s = source.createStatement()) {
      s.execute("CREATE TABLE patients (id BIGINT PRIMARY KEY, email VARCHAR(100), age INT NOT NULL,"
          + " weight DOUBLE PRECISION, sex VARCHAR(1), born DATE, seen TIMESTAMP, active BOOLEAN,"
          + " balance DECIMAL(10, 2), photo VARBINARY(100))");
      s.execute("CREATE TABLE clean (id INT PRIMARY KEY, n INT)");
      s.execute("CREATE TABLE my_table (a INT)");
      s.execute("CREATE TABLE myxtable (b VARCHAR(5))");
      s.execute("CREATE SCHEMA other");
      s.execute("CREATE TABLE other.clean (z DATE)");
    }
  }

  @AfterEach
  void closeSource() throws SQLException {
    source.close();
  }

  private static TablePolicy policy(String yaml, String table) throws PolicyException {
    return PolicyLoader.parse(yaml, "t.yaml", name -> null).forTable(table);
  }

  @Test
  void appliesKeysPiiBoundsAndDomains() throws Exception {
    TablePolicy p = policy(String.join("\n", "tables:", "  patients:", "    columns:",
        "      email: { pii: email }", "      age: { bounds: [0, 120] }", "      sex: { domain: [F, M, X] }",
        "      born: { bounds: ['1900-01-01T12:00:00', 2025-12-31T00:00] }",
        "      seen: { bounds: [2020-01-01, 2020-12-31] }", ""), "patients");
    try (Statement s = source.createStatement()) {
      s.execute("ALTER TABLE patients DROP COLUMN photo");
    }
    TableSpec spec = SchemaReader.read(source, null, "patients", p);
    assertEquals("PATIENTS", spec.name());
    assertEquals(List.of("ID", "EMAIL", "AGE", "WEIGHT", "SEX", "BORN", "SEEN", "ACTIVE", "BALANCE"),
        spec.columns().stream().map(ColumnSpec::name).toList());
    assertEquals(List.of(ColumnKind.INTEGER, ColumnKind.CATEGORICAL, ColumnKind.INTEGER, ColumnKind.FLOAT,
        ColumnKind.CATEGORICAL, ColumnKind.DATE, ColumnKind.TIMESTAMP, ColumnKind.BOOLEAN, ColumnKind.DECIMAL),
        spec.columns().stream().map(ColumnSpec::kind).toList());
    ColumnSpec id = spec.column(0);
    assertEquals(ColumnRole.KEY, id.role());
    assertEquals(ColumnRole.PII, spec.column(1).role());
    assertEquals(PiiKind.EMAIL, spec.column(1).pii());
    ColumnSpec age = spec.column(2);
    assertEquals(ColumnRole.VALUE, age.role());
    assertFalse(age.nullable());
    assertEquals(0.0, age.lower());
    assertEquals(120.0, age.upper());
    assertTrue(spec.column(3).nullable());
    assertFalse(spec.column(3).hasBounds());
    assertEquals(List.of("F", "M", "X"), spec.column(4).domain());
    ColumnSpec born = spec.column(5);
    assertEquals((double) LocalDate.of(1900, 1, 1).toEpochDay(), born.lower(), "date-time bounds floor to days");
    assertEquals((double) LocalDate.of(2025, 12, 31).toEpochDay(), born.upper());
    ColumnSpec seen = spec.column(6);
    assertEquals((double) LocalDateTime.of(2020, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC), seen.lower());
    assertEquals((double) LocalDateTime.of(2020, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC), seen.upper(),
        "an upper date includes its whole day");
    assertEquals(2, spec.column(8).scale());
  }

  @Test
  void ofACompositeKeyOnlyTheIntegerColumnIsNumbered() throws Exception {
    try (Statement s = source.createStatement()) {
      s.execute("CREATE TABLE payments (paid timestamp, pid int, amount int, PRIMARY KEY (paid, pid))");
    }
    TablePolicy p = policy("tables:\n  payments:\n    columns:\n      paid: { bounds: [2022-01-01, 2022-07-31] }\n",
        "payments");
    TableSpec spec = SchemaReader.read(source, null, "payments", p);
    ColumnSpec paid = spec.columns().get(0);
    assertEquals(ColumnRole.VALUE, paid.role(), "a timestamp in the key is modelled, not numbered");
    assertEquals(ColumnKind.TIMESTAMP, paid.kind());
    assertTrue(paid.lower() != null && paid.upper() != null, "the policy's bounds apply to it");
    assertEquals(ColumnRole.KEY, spec.columns().get(1).role());
  }

  @Test
  void aPolicyColumnTheTableLacksIsRefused() throws Exception {
    TablePolicy p = policy("tables:\n  clean:\n    columns:\n      emial: { pii: email }\n", "clean");
    SQLException e = assertThrows(SQLException.class, () -> SchemaReader.read(source, null, "clean", p));
    assertEquals("42703", e.getSQLState());
    assertTrue(e.getMessage().contains("declares column emial, which the table does not have"), e.getMessage());
  }

  @Test
  void declarationsMustFitTheColumnType() throws Exception {
    assertEquals("22023", assertThrows(SQLException.class, () -> SchemaReader.read(source, null, "clean",
        policy("tables:\n  clean:\n    columns:\n      n: { pii: phone }\n", "clean"))).getSQLState());
    assertEquals("22023", assertThrows(SQLException.class, () -> SchemaReader.read(source, null, "myxtable",
        policy("tables:\n  myxtable:\n    columns:\n      b: { bounds: [1, 2] }\n", "myxtable"))).getSQLState());
    assertEquals("22023", assertThrows(SQLException.class, () -> SchemaReader.read(source, null, "clean",
        policy("tables:\n  clean:\n    columns:\n      n: { domain: [a] }\n", "clean"))).getSQLState());
    assertEquals("22023", assertThrows(SQLException.class, () -> SchemaReader.read(source, null, "clean",
        policy("tables:\n  clean:\n    columns:\n      n: { bounds: [2020-01-01, 2021-01-01] }\n", "clean")))
        .getSQLState());
  }

  @Test
  void aColumnOfAnUnmodelledTypeIsFilledNotRefused() throws Exception {
    TableShape shape = SchemaReader.shape(source, null, "patients", Policy.defaults().forTable("patients"));
    assertFalse(shape.spec().columns().stream().anyMatch(c -> c.name().equals("PHOTO")), "never modelled");
    assertEquals(1, shape.filled().size());
    TableShape.Filled photo = shape.filled().get(0);
    assertEquals("PHOTO", photo.column());
    assertTrue(photo.nullable());
    assertNull(photo.fill(), "the policy gives none: NULL, the default or a data-free value");
  }

  @Test
  void aFilledColumnIsNeverModelledWhateverItsType() throws Exception {
    TablePolicy p = policy("tables:\n  patients:\n    columns:\n      weight: { fill: null }\n"
        + "      sex: { fill: { sql: \"upper(email)\" } }\n      photo: { fill: empty }\n", "patients");
    TableShape shape = SchemaReader.shape(source, null, "patients", p);
    assertEquals(List.of("ID", "EMAIL", "AGE", "BORN", "SEEN", "ACTIVE", "BALANCE"),
        shape.spec().columns().stream().map(ColumnSpec::name).toList());
    assertEquals(List.of("WEIGHT", "SEX", "PHOTO"), shape.filled().stream().map(TableShape.Filled::column).toList());
    assertEquals(ColumnFill.sql("upper(email)"), shape.filled().get(1).fill());
    assertEquals(ColumnFill.of(ColumnFill.Kind.EMPTY), shape.filled().get(2).fill());
  }

  @Test
  void fillsThatCannotHoldAreRefused() throws Exception {
    SQLException notNull = assertThrows(SQLException.class, () -> SchemaReader.read(source, null, "patients",
        policy("tables:\n  patients:\n    columns:\n      age: { fill: null }\n", "patients")));
    assertEquals("22023", notNull.getSQLState());
    assertTrue(notNull.getMessage().contains("column AGE: fill: null on a NOT NULL column"), notNull.getMessage());
    SQLException key = assertThrows(SQLException.class, () -> SchemaReader.read(source, null, "patients",
        policy("tables:\n  patients:\n    columns:\n      id: { fill: default }\n", "patients")));
    assertEquals("22023", key.getSQLState());
    SQLException bounds = assertThrows(SQLFeatureNotSupportedException.class, () -> SchemaReader.read(source, null,
        "patients", policy("tables:\n  patients:\n    columns:\n      photo: { bounds: [0, 1] }\n", "patients")));
    assertEquals("0A000", bounds.getSQLState());
    assertTrue(bounds.getMessage().contains("expected: fill:"), bounds.getMessage());
  }

  @Test
  void missingTablesAreUndefined() {
    SQLException e = assertThrows(SQLException.class,
        () -> SchemaReader.read(source, null, "nope", Policy.defaults().forTable("nope")));
    assertEquals("42P01", e.getSQLState());
  }

  @Test
  void namesAreMatchedLiterallyAndBySchema() throws Exception {
    TableSpec underscore = SchemaReader.read(source, null, "my_table", Policy.defaults().forTable("my_table"));
    assertEquals(List.of("A"), underscore.columns().stream().map(ColumnSpec::name).toList());
    TableSpec other = SchemaReader.read(source, "other", "CLEAN", Policy.defaults().forTable("clean"));
    assertEquals(List.of("Z"), other.columns().stream().map(ColumnSpec::name).toList());
    TableSpec main = SchemaReader.read(source, "public", "clean", Policy.defaults().forTable("clean"));
    assertEquals(List.of("ID", "N"), main.columns().stream().map(ColumnSpec::name).toList());
  }

  @Test
  void kindMapping() {
    assertEquals(ColumnKind.INTEGER, SchemaReader.kindOf(Types.SMALLINT, "int2"));
    assertEquals(ColumnKind.INTEGER, SchemaReader.kindOf(Types.BIGINT, "int8"));
    assertEquals(ColumnKind.DECIMAL, SchemaReader.kindOf(Types.NUMERIC, "numeric"));
    assertEquals(ColumnKind.FLOAT, SchemaReader.kindOf(Types.REAL, "float4"));
    assertEquals(ColumnKind.BOOLEAN, SchemaReader.kindOf(Types.BIT, "bool"));
    assertEquals(ColumnKind.CATEGORICAL, SchemaReader.kindOf(Types.VARCHAR, "text"));
    assertEquals(ColumnKind.CATEGORICAL, SchemaReader.kindOf(Types.OTHER, "uuid"));
    assertEquals(ColumnKind.DATE, SchemaReader.kindOf(Types.DATE, "date"));
    assertEquals(ColumnKind.TIMESTAMP, SchemaReader.kindOf(Types.TIMESTAMP_WITH_TIMEZONE, "timestamptz"));
    assertNull(SchemaReader.kindOf(Types.VARBINARY, "bytea"));
    assertNull(SchemaReader.kindOf(Types.ARRAY, "_int4"));
    assertNull(SchemaReader.kindOf(Types.TIME, "time"));
    assertNull(SchemaReader.kindOf(Types.OTHER, "interval"));
  }
}
