package io.surrogate.cli;

import io.surrogate.catalog.SourceReader;
import io.surrogate.catalog.StoredModel;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.metrics.QualityReport;
import io.surrogate.synth.sample.PartitionedSampler;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The data owner's fidelity check: the served synthetic rows of a stored model scored against the real
 * table with the SDMetrics quality definition.
 */
final class Fidelity {
  private static final int PARTITION = 10_000;

  private Fidelity() {
  }

  /** Quality in [0, 1] of the rows {@code stored} serves against the real {@code table}. */
  static double quality(Workspace ws, String table, StoredModel stored) throws SQLException {
    return report(ws, table, stored).score();
  }

  /** The full SDMetrics report of the rows {@code stored} serves against the real {@code table}. */
  static QualityReport report(Workspace ws, String table, StoredModel stored) throws SQLException {
    TableData real = SourceReader.read(ws.source, ws.schema, table, ws.policy.forTable(table), null);
    TableModel model = stored.model();
    PartitionedSampler sampler = new PartitionedSampler(model, stored.seed(), stored.rows(), PARTITION);
    List<Object[]> rows = new ArrayList<>((int) stored.rows());
    for (int p = 0; p < sampler.partitionCount(); p++) {
      rows.addAll(Arrays.asList(sampler.partition(p)));
    }
    return QualityReport.compute(real, TableData.of(model.spec(), rows));
  }
}
