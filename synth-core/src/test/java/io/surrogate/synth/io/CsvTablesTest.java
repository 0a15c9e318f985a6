package io.surrogate.synth.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.pii.PiiKind;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV reading, type inference and splits, including the error messages. */
class CsvTablesTest {
  private static final TableSpec SPEC = new TableSpec("t", List.of(
      ColumnSpec.of("id", ColumnKind.INTEGER).asKey(),
      ColumnSpec.of("name", ColumnKind.CATEGORICAL).asPii(PiiKind.FULL_NAME),
      ColumnSpec.of("note", ColumnKind.CATEGORICAL),
      ColumnSpec.of("price", ColumnKind.DECIMAL).withScale(2),
      ColumnSpec.of("ok", ColumnKind.BOOLEAN),
      ColumnSpec.of("day", ColumnKind.DATE),
      ColumnSpec.of("at", ColumnKind.TIMESTAMP),
      ColumnSpec.of("x", ColumnKind.FLOAT)));

  @Test
  void readsQuotedFieldsNullsAndEveryKind() throws IOException {
    String csv = "ID,name,note,price,ok,day,at,x,extra\r\n"
        + "1,Ann,\"a, \"\"quoted\"\"\nnote\",3.5,true,2020-02-29,2020-01-01 10:00:00,1e3,zz\r\n"
        + "2,Bob,,,,,,,\n";
    TableData t = CsvTables.read(new StringReader(csv), "t.csv", SPEC);
    assertEquals(2, t.rowCount());
    Object[] r = t.row(0);
    assertNull(r[0]);
    assertNull(r[1]);
    assertEquals("a, \"quoted\"\nnote", r[2]);
    assertEquals(new BigDecimal("3.50"), r[3]);
    assertEquals(Boolean.TRUE, r[4]);
    assertEquals(LocalDate.of(2020, 2, 29), r[5]);
    assertEquals(LocalDateTime.of(2020, 1, 1, 10, 0), r[6]);
    assertEquals(1000.0, r[7]);
    for (int c = 2; c < 8; c++) {
      assertNull(t.row(1)[c], "column " + c);
    }
  }

  @Test
  void badValuesNameTheLineColumnAndKind() {
    String csv = "id,name,note,price,ok,day,at,x\n1,a,b,1,true,2020-01-01,2020-01-01T00:00,1\n"
        + "2,a,\"multi\nline\",1,true,2020-01-01,2020-01-01T00:00,1\n3,a,b,1,maybe,2020-01-01,2020-01-01T00:00,1\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CsvTables.read(new StringReader(csv), "t.csv", SPEC));
    assertEquals("t.csv line 5, column ok: 'maybe' (expected: BOOLEAN)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> CsvTables.read(new StringReader("id,name\n1,a\n"), "t.csv", SPEC));
    assertEquals("t.csv: no column note in the header (expected one of: id, name)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CsvTables.read(new StringReader(
        "id,name,note,price,ok,day,at,x\n1,2\n"), "t.csv", SPEC));
    assertEquals("t.csv line 2: 2 fields (expected: 8, as the header)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CsvTables.read(new StringReader(
        "id,name,note,price,ok,day,at,x\n1,\"open"), "t.csv", SPEC));
    assertEquals("t.csv line 2: unterminated quoted field (expected: closing \")", e.getMessage());
  }

  @Test
  void infersKindsAndNullability(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("i.csv");
    Files.writeString(f, "a,b,c,d,e,f,g\n1,1.5,x,2020-01-01,true,7,2020-01-01 00:00:01\n2,,y,2020-01-02,false,8,"
        + "2020-01-01 00:00:02\n3,2,,2020-01-03,true,7,2020-01-01 00:00:03\n", StandardCharsets.UTF_8);
    TableSpec spec = CsvTables.inferSpec(f, "i", 2);
    List<ColumnKind> kinds = new ArrayList<>();
    spec.columns().forEach(c -> kinds.add(c.kind()));
    assertEquals(List.of(ColumnKind.INTEGER, ColumnKind.FLOAT, ColumnKind.CATEGORICAL, ColumnKind.DATE,
        ColumnKind.BOOLEAN, ColumnKind.CATEGORICAL, ColumnKind.TIMESTAMP), kinds);
    assertEquals(List.of(false, true, true, false, false, false, false),
        spec.columns().stream().map(ColumnSpec::nullable).toList());
    assertEquals(3, CsvTables.read(f, spec).rowCount());
  }

  @Test
  void splitIsDeterministicAndDisjoint() {
    TableSpec spec = new TableSpec("s", List.of(ColumnSpec.of("v", ColumnKind.INTEGER)));
    List<Object[]> rows = new ArrayList<>();
    for (long i = 0; i < 1000; i++) {
      rows.add(new Object[] {i});
    }
    TableData data = TableData.of(spec, rows);
    TrainHoldout a = TrainHoldout.split(data, 0.2, 5);
    TrainHoldout b = TrainHoldout.split(data, 0.2, 5);
    assertEquals(800, a.train().rowCount());
    assertEquals(200, a.holdout().rowCount());
    assertEquals(values(a.holdout()), values(b.holdout()));
    assertNotEquals(values(a.holdout()), values(TrainHoldout.split(data, 0.2, 6).holdout()));
    List<Object> all = new ArrayList<>(values(a.train()));
    all.addAll(values(a.holdout()));
    assertEquals(1000, all.stream().distinct().count());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainHoldout.split(data, 1, 5));
    assertEquals("holdoutFraction: 1.0 (expected: >= 0 and < 1)", e.getMessage());
  }

  private static List<Object> values(TableData t) {
    List<Object> out = new ArrayList<>();
    t.rows().forEach(r -> out.add(r[0]));
    return out;
  }
}
