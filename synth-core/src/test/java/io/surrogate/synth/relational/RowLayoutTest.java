package io.surrogate.synth.relational;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowLayoutTest {
  private static final TableSpec LINES = new TableSpec("lines", List.of(
      ColumnSpec.of("id", ColumnKind.INTEGER).asKey(),
      ColumnSpec.of("invoice_id", ColumnKind.INTEGER).withNullable(false).asForeignKey(),
      ColumnSpec.of("track_id", ColumnKind.INTEGER).asForeignKey(),
      ColumnSpec.of("qty", ColumnKind.INTEGER)));

  private static RelationalModel lines(double trackNulls) {
    return new RelationalModel(List.of(
        new LinkModel("invoice_id", "invoices", LinkModel.Kind.DRIVING, 4, new double[] {1, 2, 3, 0, 4}, null, 0,
            false),
        new LinkModel("track_id", "tracks", LinkModel.Kind.CHOICE, 4, new double[] {5, 0, 1},
            List.of("10", "20", "30"), trackNulls, false)));
  }

  private static Object[][] rows(RowLayout layout, long first, int n) {
    Object[][] rows = new Object[n][LINES.width()];
    layout.fill(rows, first);
    return rows;
  }

  @Test
  void childrenFollowTheirParentsAndAreTheSameWhateverThePartitioning() {
    RowLayout layout = RowLayout.of(LINES, lines(0), 7, Map.of("invoices", 500L)::get, -1);
    long n = layout.rowCount();
    long sum = 0;
    for (long p = 1; p <= 500; p++) {
      long c = layout.childrenOf(p);
      assertTrue(c >= 0 && c <= 4 && c != 3, "count " + c + " has weight 0 or exceeds the cap");
      sum += c;
    }
    assertEquals(n, sum);
    Object[][] whole = rows(layout, 0, (int) n);
    long previous = 1;
    long seenForParent = 0;
    for (int g = 0; g < n; g++) {
      long parent = (Long) whole[g][1];
      assertTrue(parent >= previous && parent <= 500, "parents ascend and exist");
      seenForParent = parent == previous ? seenForParent + 1 : 1;
      previous = parent;
      assertTrue(seenForParent <= layout.childrenOf(parent));
      assertTrue(Set.of(10L, 30L).contains((Long) whole[g][2]), "only real keys with weight: " + whole[g][2]);
    }
    // Any run of rows, filled alone, equals the same rows of the whole table.
    for (long first : new long[] {0, 1, 333, n - 5}) {
      Object[][] part = rows(layout, first, 5);
      for (int i = 0; i < 5; i++) {
        assertArrayEquals(whole[(int) first + i], part[i]);
      }
    }
  }

  @Test
  void nullableChoiceIsNullAtItsReleasedRate() {
    RowLayout layout = RowLayout.of(LINES, lines(0.25), 3, Map.of("invoices", 4000L)::get, -1);
    Object[][] all = rows(layout, 0, (int) layout.rowCount());
    long nulls = java.util.Arrays.stream(all).filter(r -> r[2] == null).count();
    assertEquals(0.25, nulls / (double) all.length, 0.03);
  }

  @Test
  void compositeKeyOfTwoLinksNeverRepeatsWithinAParent() {
    TableSpec spec = new TableSpec("playlist_track", List.of(
        ColumnSpec.of("playlist_id", ColumnKind.INTEGER).withNullable(false).asForeignKey(),
        ColumnSpec.of("track_id", ColumnKind.INTEGER).withNullable(false).asForeignKey()));
    double[] counts = new double[21];
    counts[20] = 1;
    RelationalModel model = new RelationalModel(List.of(
        new LinkModel("playlist_id", "playlist", LinkModel.Kind.DRIVING, 20, counts, List.of("1", "2", "3"), 0, false),
        new LinkModel("track_id", "track", LinkModel.Kind.CHOICE, 20, new double[] {1, 1, 1, 1, 1, 1, 1},
            List.of("1", "2", "3", "4", "5", "6", "7"), 0, true)));
    RowLayout layout = RowLayout.of(spec, model, 11, t -> 0, -1);
    assertEquals(3 * 7, layout.rowCount(), "each parent gets at most as many children as there are keys");
    Object[][] all = new Object[(int) layout.rowCount()][2];
    layout.fill(all, 0);
    Set<String> pairs = new HashSet<>();
    for (Object[] r : all) {
      assertTrue(pairs.add(r[0] + "/" + r[1]), "duplicate composite key " + r[0] + "/" + r[1]);
    }
  }

  @Test
  void selfReferencePointsAtAnEarlierRowOrNull() {
    TableSpec spec = new TableSpec("employees", List.of(
        ColumnSpec.of("id", ColumnKind.INTEGER).asKey(),
        ColumnSpec.of("manager", ColumnKind.INTEGER).asForeignKey()));
    RelationalModel model = new RelationalModel(List.of(
        new LinkModel("manager", "employees", LinkModel.Kind.SELF, 1, null, null, 0.1, false)));
    RowLayout layout = RowLayout.of(spec, model, 5, t -> 0, 200);
    assertEquals(200, layout.rowCount());
    Object[][] all = new Object[200][2];
    layout.fill(all, 0);
    assertNull(all[0][1], "the first employee is a root");
    for (int g = 1; g < 200; g++) {
      if (all[g][1] != null) {
        long ref = (Long) all[g][1];
        assertTrue(ref >= 1 && ref <= g, "row " + (g + 1) + " references " + ref);
      }
    }
    assertNotNull(all[199][1] == null ? all[198][1] : all[199][1]);
  }

  @Test
  void roundTripsThroughBytesAndRefusesBadInput() {
    RelationalModel model = lines(0.5);
    assertEquals(model, RelationalModel.read(model.toBytes()));
    assertThrows(IllegalArgumentException.class, () -> new LinkModel("a", "p", LinkModel.Kind.DRIVING, 0,
        new double[] {1}, null, 0, false));
    assertThrows(IllegalArgumentException.class, () -> new RelationalModel(List.of(
        new LinkModel("a", "p", LinkModel.Kind.DRIVING, 1, new double[] {1, 1}, null, 0, false),
        new LinkModel("b", "q", LinkModel.Kind.DRIVING, 1, new double[] {1, 1}, null, 0, false))));
    assertThrows(IllegalArgumentException.class, () -> RowLayout.of(LINES, new RelationalModel(List.of(
        new LinkModel("nope", "p", LinkModel.Kind.CHOICE, 1, null, null, 0, false))), 1, t -> 1, 1));
  }
}
