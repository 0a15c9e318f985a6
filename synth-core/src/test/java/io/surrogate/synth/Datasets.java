package io.surrogate.synth;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.synth.io.CsvTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Test access to the shared datasets ({@code -Dsurrogate.datasets}), with the table specs the quality
 * gates use; tests calling it are skipped when the datasets are absent.
 */
public final class Datasets {
  /** hour.csv columns scored as categories, as SDV's metadata would treat these small-integer codes. */
  public static final Set<String> HOUR_CATEGORICAL =
      Set.of("season", "yr", "mnth", "hr", "holiday", "weekday", "workingday", "weathersit");

  private Datasets() {
  }

  /** The dataset file, or a skipped test when it is absent. */
  public static Path file(String relative) {
    String root = System.getProperty("surrogate.datasets", "../../shared/datasets");
    Path p = Path.of(root).resolve(relative);
    assumeTrue(Files.isRegularFile(p), "shared datasets absent: " + p);
    return p;
  }

  /** bike_sharing/hour.csv: instant is the key, dteday a date, the eight code columns categorical. */
  public static TableSpec hourSpec() {
    List<ColumnSpec> cols = new ArrayList<>();
    cols.add(ColumnSpec.of("instant", ColumnKind.INTEGER).withNullable(false).asKey());
    cols.add(ColumnSpec.of("dteday", ColumnKind.DATE).withNullable(false));
    for (String c : List.of("season", "yr", "mnth", "hr", "holiday", "weekday", "workingday", "weathersit")) {
      cols.add(ColumnSpec.of(c, ColumnKind.CATEGORICAL).withNullable(false));
    }
    for (String c : List.of("temp", "atemp", "hum", "windspeed")) {
      cols.add(ColumnSpec.of(c, ColumnKind.FLOAT).withNullable(false));
    }
    for (String c : List.of("casual", "registered", "cnt")) {
      cols.add(ColumnSpec.of(c, ColumnKind.INTEGER).withNullable(false));
    }
    return new TableSpec("hour", cols);
  }

  /** hour.csv loaded with {@link #hourSpec()}. */
  public static TableData hour() {
    return load("bike_sharing/hour.csv", hourSpec());
  }

  /**
   * german_credit.csv with an inferred spec: integer columns with at most 5 distinct values are
   * categorical (as SDV's detection treats small codes), the A-codes are categorical, the rest INTEGER.
   */
  public static TableData germanCredit() {
    Path p = file("german_credit/german_credit.csv");
    try {
      return CsvTables.read(p, CsvTables.inferSpec(p, "german_credit", 5));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a dataset file with a spec. */
  public static TableData load(String relative, TableSpec spec) {
    try {
      return CsvTables.read(file(relative), spec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
