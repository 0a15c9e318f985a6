package io.surrogate.bench;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.io.CsvTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads the shared hour.csv for benchmarks, with the same spec the quality gates use. */
final class BenchData {
  private BenchData() {
  }

  /** bike_sharing/hour.csv; fails with a clear message when the shared datasets are absent. */
  static TableData hour() throws IOException {
    String root = System.getProperty("surrogate.datasets", "../shared/datasets");
    Path file = Path.of(root, "bike_sharing", "hour.csv");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("shared datasets absent: " + file.toAbsolutePath()
          + " (set -Dsurrogate.datasets=DIR)");
    }
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
    return CsvTables.read(file, new TableSpec("hour", cols));
  }
}
