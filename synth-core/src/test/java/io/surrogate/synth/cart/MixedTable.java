package io.surrogate.synth.cart;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.pii.PiiKind;
import io.surrogate.synth.sample.Seeds;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** A seeded table with every column kind and role, public and undeclared domains, NULLs and outliers. */
final class MixedTable {
  static final double TS_LO = LocalDateTime.of(2020, 1, 1, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC);
  static final double TS_HI = LocalDateTime.of(2020, 12, 31, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC);

  private MixedTable() {
  }

  static TableSpec spec() {
    return new TableSpec("mixed", List.of(
        ColumnSpec.of("id", ColumnKind.INTEGER).withNullable(false).asKey(),
        ColumnSpec.of("name", ColumnKind.CATEGORICAL).asPii(PiiKind.FULL_NAME),
        ColumnSpec.of("cat", ColumnKind.CATEGORICAL).withNullable(false),
        ColumnSpec.of("flag", ColumnKind.BOOLEAN),
        ColumnSpec.of("amount", ColumnKind.DECIMAL).withScale(2).withNullable(false),
        ColumnSpec.of("score", ColumnKind.FLOAT).withBounds(0, 1).withNullable(false),
        ColumnSpec.of("qty", ColumnKind.INTEGER).withBounds(0, 10).withNullable(false),
        ColumnSpec.of("day", ColumnKind.DATE).withNullable(false),
        ColumnSpec.of("ts", ColumnKind.TIMESTAMP).withBounds(TS_LO, TS_HI).withNullable(false),
        ColumnSpec.of("grp", ColumnKind.CATEGORICAL).withDomain(List.of("x", "y", "z"))));
  }

  /**
   * {@code rows} rows; {@code cat} has three common values and one unique "secret-i" per 100 rows,
   * {@code grp} holds NULLs and a value "w" outside its public domain, {@code score} and {@code qty}
   * hold outliers beyond their public bounds, and {@code qty} depends on {@code cat}.
   */
  static TableData rows(int rows, long seed) {
    RandomGenerator r = Seeds.stream(seed, "mixed-table");
    List<Object[]> out = new ArrayList<>();
    String[] common = {"red", "green", "blue"};
    for (int i = 0; i < rows; i++) {
      String cat = i % 100 == 99 ? "secret-" + i : common[r.nextInt(3)];
      long qty = cat.equals("red") ? 1 + r.nextInt(2) : cat.equals("green") ? 5 + r.nextInt(2) : 8 + r.nextInt(3);
      double score = i % 97 == 0 ? 7.5 : r.nextDouble();
      if (i % 89 == 0) {
        qty = 1000;
      }
      String grp = i % 10 == 0 ? null : i % 211 == 0 ? "w" : new String[] {"x", "y", "z"}[r.nextInt(3)];
      out.add(new Object[] {null, null, cat, i % 7 == 0 ? null : r.nextBoolean(),
          BigDecimal.valueOf(100 + r.nextInt(90_000), 2), score, qty,
          LocalDate.of(2019, 1, 1).plusDays(r.nextInt(700)),
          LocalDateTime.ofEpochSecond((long) TS_LO + r.nextInt(3600 * 24 * 300), 0, java.time.ZoneOffset.UTC),
          grp});
    }
    return TableData.of(spec(), out);
  }
}
