package io.surrogate.driver.twin;

import java.time.Duration;
import java.util.Map;

/**
 * What one twin build wrote.
 *
 * @param database the twin database
 * @param syntheticRows rows written per sensitive table (schema-qualified name)
 * @param copiedRows rows copied per public table
 * @param elapsed the whole build, schema included
 * @param contentElapsed the load of rows alone
 * @param modelVersions the model version each sensitive table was filled from, by table name
 */
public record TwinReport(String database, Map<String, Long> syntheticRows, Map<String, Long> copiedRows,
    Duration elapsed, Duration contentElapsed, Map<String, Integer> modelVersions) {

  public TwinReport {
    syntheticRows = Map.copyOf(syntheticRows);
    copiedRows = Map.copyOf(copiedRows);
    modelVersions = Map.copyOf(modelVersions);
  }

  /** Rows written in all, synthetic and copied. */
  public long totalRows() {
    return syntheticRows.values().stream().mapToLong(Long::longValue).sum()
        + copiedRows.values().stream().mapToLong(Long::longValue).sum();
  }
}
