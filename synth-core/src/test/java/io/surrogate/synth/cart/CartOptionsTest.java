package io.surrogate.synth.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.FitOptions;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad options, budgets and model bytes fail early with a message naming the field and the expectation. */
class CartOptionsTest {
  private static final TableData DATA = table();

  private static TableData table() {
    TableSpec spec = new TableSpec("t", List.of(ColumnSpec.of("a", ColumnKind.CATEGORICAL),
        ColumnSpec.of("b", ColumnKind.INTEGER).withBounds(0, 9), ColumnSpec.of("c", ColumnKind.BOOLEAN)));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      rows.add(new Object[] {i % 2 == 0 ? "even" : "odd", (long) (i % 10), i % 3 == 0});
    }
    return TableData.of(spec, rows);
  }

  private static String failure(String key, String value) {
    FitOptions options = new FitOptions(new PrivacyBudget(1, 1e-9), 1, Map.of(key, value), p -> { });
    return assertThrows(IllegalArgumentException.class, () -> new CartGenerator().fit(DATA, options)).getMessage();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "visit_order|a,foo|visit_order: unknown column 'foo' (expected one of: a, b, c)",
      "visit_order|a,b|visit_order: column 'c' missing (expected: every value column)",
      "visit_order|a,b,a,c|visit_order: column 'a' twice (expected: once)",
      "max_depth|0|max_depth: 0 (expected: > 0)",
      "max_depth|-3|max_depth: -3 (expected: > 0)",
      "max_depth|deep|max_depth: 'deep' (expected: an integer)",
      "min_leaf|-1|min_leaf: -1 (expected: finite and >= 0)",
      "bins|0|bins: 0 (expected: > 0)",
      "weights|a:0|weights: a:0 (expected: > 0)",
      "weights|a:-2,b:1|weights: a:-2 (expected: > 0)",
      "weights|zz:1|weights: unknown column 'zz' (expected one of: a, b, c)",
      "weights|a|weights: 'a' (expected: column:weight)",
      "structure|greedy|structure: 'greedy' (expected one of: auto, em, random)",
      "depth|3|cart option 'depth': unknown (expected one of: visit_order, max_depth, min_leaf, weights, bins, "
          + "structure)"})
  void badOptionsNameTheFieldAndWhatWasExpected(String key, String value, String message) {
    assertEquals(message, failure(key, value));
  }

  @Test
  void badBudgetsAreRefused() {
    assertEquals("epsilon: -1.0 (expected: > 0)",
        assertThrows(IllegalArgumentException.class, () -> new PrivacyBudget(-1, 1e-9)).getMessage());
    assertEquals("epsilon: 0.0 (expected: > 0)",
        assertThrows(IllegalArgumentException.class, () -> new PrivacyBudget(0, 1e-9)).getMessage());
    FitOptions noDelta = FitOptions.of(new PrivacyBudget(1, 0), 1);
    assertEquals("delta: 0.0 (expected: > 0 and < 1 for zCDP conversion)",
        assertThrows(IllegalArgumentException.class, () -> new CartGenerator().fit(DATA, noDelta)).getMessage());
  }

  @Test
  void anEmptyPublicDomainOfANotNullColumnIsRefused() {
    TableSpec spec = new TableSpec("t", List.of(
        ColumnSpec.of("a", ColumnKind.CATEGORICAL).withNullable(false).withDomain(List.of())));
    TableData data = TableData.of(spec, List.<Object[]>of(new Object[] {"x"}));
    assertEquals("column a: domain [] (expected: at least one category for a NOT NULL column)",
        assertThrows(IllegalArgumentException.class,
            () -> new CartGenerator().fit(data, FitOptions.of(new PrivacyBudget(1, 1e-9), 1))).getMessage());
  }

  @Test
  void aCategoryListThatDoesNotSurviveTheThresholdIsRefused() {
    TableData tiny = TableData.of(DATA.spec(), DATA.rows().subList(0, 20));
    String message = assertThrows(IllegalArgumentException.class,
        () -> new CartGenerator().fit(tiny, FitOptions.of(new PrivacyBudget(1, 1e-9), 1))).getMessage();
    assertEquals("column a: no category survived the noisy threshold", message.substring(0, message.indexOf(" 1")));
  }

  @Test
  void corruptModelBytesAreRefused() {
    byte[] good = new CartGenerator().fit(DATA, FitOptions.of(new PrivacyBudget(1, 1e-9), 1)).model().toBytes();
    CartGenerator g = new CartGenerator();
    assertEquals("cart model: magic 0x0 (expected: 0x43415254)",
        assertThrows(IllegalArgumentException.class, () -> g.read(new byte[8])).getMessage());
    byte[] future = good.clone();
    future[7] = 9;
    assertEquals("cart model: format version 9 (expected: 1)",
        assertThrows(IllegalArgumentException.class, () -> g.read(future)).getMessage());
    byte[] cut = java.util.Arrays.copyOf(good, good.length - 5);
    assertThrows(IllegalArgumentException.class, () -> g.read(cut));
  }
}
