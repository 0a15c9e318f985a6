package io.surrogate.synth.vae;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.sample.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** A small seeded table for VAE tests: a key, a category that shifts a numeric, a nullable integer, a flag. */
final class SmallTable {
  private SmallTable() {
  }

  /** The spec; {@code publicBounds} declares amount's bounds and color's domain public. */
  static TableSpec spec(boolean publicBounds) {
    ColumnSpec amount = ColumnSpec.of("amount", ColumnKind.FLOAT).withNullable(false);
    ColumnSpec color = ColumnSpec.of("color", ColumnKind.CATEGORICAL).withNullable(false);
    return new TableSpec("small", List.of(
        ColumnSpec.of("id", ColumnKind.INTEGER).withNullable(false).asKey(),
        publicBounds ? color.withDomain(List.of("blue", "green", "red")) : color,
        publicBounds ? amount.withBounds(0, 100) : amount,
        ColumnSpec.of("age", ColumnKind.INTEGER),
        ColumnSpec.of("flag", ColumnKind.BOOLEAN).withNullable(false)));
  }

  /** {@code n} rows: red 50%, green 30%, blue 20%; amount ≈ 20/50/80 by color; age NULL 10%. */
  static TableData rows(int n, long seed, boolean publicBounds) {
    RandomGenerator r = Seeds.stream(seed, "small-table");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      String color = u < 0.5 ? "red" : u < 0.8 ? "green" : "blue";
      double center = color.equals("red") ? 20 : color.equals("green") ? 50 : 80;
      double amount = Math.max(0, Math.min(100, center + 5 * r.nextGaussian()));
      Long age = r.nextDouble() < 0.1 ? null : (long) (18 + r.nextInt(60));
      rows.add(new Object[] {(long) i, color, amount, age, r.nextDouble() < 0.3});
    }
    return TableData.of(spec(publicBounds), rows);
  }
}
