package io.surrogate.synth.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.FitOptions;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.sample.Seeds;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Synthetic values stay inside the public or DP-released domain of every column, whatever the data. */
class CartDomainTest {
  private static final TableData DATA = MixedTable.rows(4000, 5);

  private static CartModel fit(double epsilon, long seed) {
    return (CartModel) new CartGenerator().fit(DATA, FitOptions.of(new PrivacyBudget(epsilon, 1e-9), seed)).model();
  }

  private static Object[][] sample(CartModel model, long seed) {
    Object[][] rows = new Object[20_000][DATA.spec().width()];
    model.sample(Seeds.stream(seed, 0), rows);
    return rows;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void rareCategoriesNeverSurviveTheThreshold(long seed) {
    CartModel model = fit(1, seed);
    List<String> released = model.coder(2).categories();
    assertEquals(Set.of("red", "green", "blue"), Set.copyOf(released), "released: " + released);
    for (Object[] row : sample(model, seed)) {
      assertTrue(released.contains((String) row[2]), "cat " + row[2]);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.2, 1, 5, Double.POSITIVE_INFINITY})
  void everyValueIsInsideItsDomain(double epsilon) {
    CartModel model = fit(epsilon, 8);
    ColumnCoder amount = model.coder(4);
    ColumnCoder day = model.coder(7);
    Set<Object> grp = new HashSet<>();
    int nullFlags = 0;
    for (Object[] row : sample(model, 8)) {
      assertTrue(row[3] == null || row[3] instanceof Boolean);
      nullFlags += row[3] == null ? 1 : 0;
      BigDecimal a = (BigDecimal) row[4];
      assertEquals(2, a.scale(), "amount scale");
      assertTrue(a.doubleValue() >= amount.lower() && a.doubleValue() <= amount.upper(), "amount " + a);
      double score = (Double) row[5];
      assertTrue(score >= 0 && score <= 1, "score " + score + " outside public bounds [0, 1]");
      long qty = (Long) row[6];
      assertTrue(qty >= 0 && qty <= 10, "qty " + qty + " outside public bounds [0, 10]");
      long d = ((LocalDate) row[7]).toEpochDay();
      assertTrue(d >= day.lower() && d <= day.upper(), "day " + row[7]);
      long ts = ((LocalDateTime) row[8]).toEpochSecond(ZoneOffset.UTC);
      assertTrue(ts >= MixedTable.TS_LO && ts <= MixedTable.TS_HI, "ts " + row[8]);
      grp.add(row[9]);
    }
    assertTrue(Set.of("x", "y", "z").containsAll(grp.stream().filter(g -> g != null).toList()),
        "grp outside its public domain: " + grp);
    assertFalse(grp.contains("w"), "a value outside the public domain must never be emitted");
    if (Double.isInfinite(epsilon)) {
      assertTrue(grp.contains(null), "NULL is a category of a nullable column");
      assertTrue(nullFlags > 0, "NULL booleans are modelled");
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void releasedBoundsArePublicGridPoints(long seed) {
    CartModel model = fit(1, seed);
    ColumnCoder amount = model.coder(4);
    assertNotNull(amount);
    // amounts are 1.00 to 900.99: the released bounds are magnitudes of the public 1-2-5 grid
    assertTrue(isGridPoint(amount.lower()), "lower " + amount.lower());
    assertTrue(isGridPoint(amount.upper()), "upper " + amount.upper());
    assertTrue(amount.lower() < amount.upper());
  }

  private static boolean isGridPoint(double v) {
    if (v == 0) {
      return true;
    }
    double mag = Math.pow(10, Math.floor(Math.log10(Math.abs(v))));
    double m = Math.abs(v) / mag;
    return Math.abs(m - 1) < 1e-9 || Math.abs(m - 2) < 1e-9 || Math.abs(m - 5) < 1e-9;
  }
}
