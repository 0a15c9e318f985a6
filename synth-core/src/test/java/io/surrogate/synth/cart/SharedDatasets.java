package io.surrogate.synth.cart;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;

/**
 * Loads the shared quality-gate datasets with the policy a careful owner would write: domains and bounds
 * only where the datasets' own documentation states them, everything else left to DP release.
 */
final class SharedDatasets {
  private SharedDatasets() {
  }

  /** Skips the calling test when the datasets folder is absent. */
  static Path file(String relative) {
    String root = System.getProperty("surrogate.datasets", "../../shared/datasets");
    Path p = Path.of(root).resolve(relative);
    Assumptions.assumeTrue(Files.isRegularFile(p), "shared datasets absent: " + p.toAbsolutePath());
    return p;
  }

  /** bike_sharing/hour.csv: instant a key, dteday a DATE, small-integer codes as categories. */
  static TableData bikeHours() {
    List<ColumnSpec> cols = new ArrayList<>();
    cols.add(ColumnSpec.of("instant", ColumnKind.INTEGER).withNullable(false).asKey());
    // Readme: two years of data, 2011 and 2012.
    cols.add(col("dteday", ColumnKind.DATE).withBounds(LocalDate.of(2011, 1, 1).toEpochDay(),
        LocalDate.of(2012, 12, 31).toEpochDay()));
    cols.add(categories("season", 1, 4));
    cols.add(categories("yr", 0, 1));
    cols.add(categories("mnth", 1, 12));
    cols.add(categories("hr", 0, 23));
    cols.add(categories("holiday", 0, 1));
    cols.add(categories("weekday", 0, 6));
    cols.add(categories("workingday", 0, 1));
    cols.add(categories("weathersit", 1, 4));
    // Readme: normalised by their documented maxima, so in [0, 1].
    for (String name : List.of("temp", "atemp", "hum", "windspeed")) {
      cols.add(col(name, ColumnKind.FLOAT).withBounds(0, 1));
    }
    for (String name : List.of("casual", "registered", "cnt")) {
      cols.add(col(name, ColumnKind.INTEGER));
    }
    return load("bike_sharing/hour.csv", new TableSpec("hour", cols));
  }

  /** german_credit/german_credit.csv: code lists from german.doc.txt, numeric bounds released under DP. */
  static TableData germanCredit() {
    return germanCredit(false);
  }

  /**
   * german_credit/german_credit.csv with code lists from german.doc.txt and, when {@code policyBounds},
   * the numeric bounds an owner would write from domain knowledge (round numbers, not the data's min and
   * max: loans up to 10 years and 20,000 DM, adult ages, the 1–4 scales of the original Statlog coding).
   */
  static TableData germanCredit(boolean policyBounds) {
    List<ColumnSpec> cols = new ArrayList<>();
    cols.add(codes("checking_status", "A1", 1, 4));
    cols.add(col("duration_months", ColumnKind.INTEGER));
    cols.add(codes("credit_history", "A3", 0, 4));
    List<String> purpose = new ArrayList<>();
    IntStream.rangeClosed(0, 10).forEach(i -> purpose.add("A4" + i));
    cols.add(col("purpose", ColumnKind.CATEGORICAL).withDomain(purpose));
    cols.add(col("credit_amount", ColumnKind.INTEGER));
    cols.add(codes("savings_status", "A6", 1, 5));
    cols.add(codes("employment_since", "A7", 1, 5));
    cols.add(col("installment_rate_pct", ColumnKind.INTEGER));
    cols.add(codes("personal_status_sex", "A9", 1, 5));
    cols.add(codes("other_debtors", "A10", 1, 3));
    cols.add(col("residence_since", ColumnKind.INTEGER));
    cols.add(codes("property", "A12", 1, 4));
    cols.add(col("age_years", ColumnKind.INTEGER));
    cols.add(codes("other_installment_plans", "A14", 1, 3));
    cols.add(codes("housing", "A15", 1, 3));
    cols.add(col("existing_credits", ColumnKind.INTEGER));
    cols.add(codes("job", "A17", 1, 4));
    cols.add(col("num_dependents", ColumnKind.INTEGER));
    cols.add(codes("telephone", "A19", 1, 2));
    cols.add(codes("foreign_worker", "A20", 1, 2));
    cols.add(categories("credit_risk", 1, 2));
    if (policyBounds) {
      Map<String, double[]> bounds = Map.of("duration_months", new double[] {0, 120},
          "credit_amount", new double[] {0, 20_000}, "installment_rate_pct", new double[] {1, 4},
          "residence_since", new double[] {1, 4}, "age_years", new double[] {18, 100},
          "existing_credits", new double[] {1, 4}, "num_dependents", new double[] {0, 10});
      cols.replaceAll(c -> bounds.containsKey(c.name())
          ? c.withBounds(bounds.get(c.name())[0], bounds.get(c.name())[1]) : c);
    }
    return load("german_credit/german_credit.csv", new TableSpec("german_credit", cols));
  }

  private static ColumnSpec col(String name, ColumnKind kind) {
    return ColumnSpec.of(name, kind).withNullable(false);
  }

  private static ColumnSpec categories(String name, int from, int to) {
    List<String> d = new ArrayList<>();
    IntStream.rangeClosed(from, to).forEach(i -> d.add(Integer.toString(i)));
    return col(name, ColumnKind.CATEGORICAL).withDomain(d);
  }

  private static ColumnSpec codes(String name, String prefix, int from, int to) {
    List<String> d = new ArrayList<>();
    IntStream.rangeClosed(from, to).forEach(i -> d.add(prefix + i));
    return col(name, ColumnKind.CATEGORICAL).withDomain(d);
  }

  static TableData load(String relative, TableSpec spec) {
    Path p = file(relative);
    List<String> lines;
    try {
      lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String[] header = lines.get(0).split(",", -1);
    int[] source = new int[spec.width()];
    for (int c = 0; c < spec.width(); c++) {
      source[c] = List.of(header).indexOf(spec.column(c).name());
      if (source[c] < 0) {
        throw new IllegalStateException(relative + ": no column " + spec.column(c).name());
      }
    }
    List<Object[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",", -1);
      Object[] row = new Object[spec.width()];
      for (int c = 0; c < spec.width(); c++) {
        // Columns that are not modelled are never read, as the trainer would leave them.
        row[c] = spec.column(c).isModelled() ? parse(spec.column(c), f[source[c]].trim()) : null;
      }
      rows.add(row);
    }
    return TableData.of(spec, rows);
  }

  private static Object parse(ColumnSpec col, String text) {
    if (text.isEmpty()) {
      return null;
    }
    switch (col.kind()) {
      case INTEGER:
        return Long.parseLong(text);
      case FLOAT:
        return Double.parseDouble(text);
      case DECIMAL:
        return new BigDecimal(text);
      case DATE:
        return LocalDate.parse(text);
      case BOOLEAN:
        return Boolean.parseBoolean(text);
      default:
        return text;
    }
  }
}
