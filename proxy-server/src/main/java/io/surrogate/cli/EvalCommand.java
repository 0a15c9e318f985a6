package io.surrogate.cli;

import io.surrogate.catalog.StoredModel;
import io.surrogate.catalog.TableMode;
import io.surrogate.synth.metrics.QualityReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code surrogate eval}: the data owner's fidelity check of each served synthetic table against its real
 * rows (SDMetrics Column Shapes, Column Pair Trends and quality, per column).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Score each trained synthetic table against its real rows (SDMetrics quality, per column).")
final class EvalCommand implements Callable<Integer> {

  @Mixin
  SourceOptions options = new SourceOptions();

  @Option(names = {"-t", "--table"}, paramLabel = "TABLE", description = "Table to score (repeatable; default: every trained synthetic table).")
  List<String> tables;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Workspace ws = Workspace.open(options)) {
      List<String> targets = tables == null || tables.isEmpty() ? ws.syntheticTables() : tables;
      for (String table : targets) {
        if (ws.policy.forTable(table).mode() == TableMode.REAL) {
          throw new IllegalArgumentException("table " + table + " is real in the policy; only synthetic tables are scored");
        }
        Optional<StoredModel> m = ws.catalog.latestModel(ws.sourceId, table);
        if (m.isEmpty()) {
          out.printf(Locale.ROOT, "%s: no trained model (run surrogate train)%n", table);
          continue;
        }
        QualityReport r = Fidelity.report(ws, table, m.get());
        out.printf(Locale.ROOT, "%s (model v%d, %s, epsilon %s): quality %.3f = mean(column shapes %.3f,"
            + " column pair trends %.3f)%n", table, m.get().version(), m.get().generator(),
            TrainCommand.formatEpsilon(m.get().epsilon()), r.score(), r.columnShapes(), r.pairTrends());
        for (QualityReport.ColumnScore c : r.columns()) {
          out.printf(Locale.ROOT, "    %-24s %-14s %.3f%n", c.column(), c.metric(), c.score());
        }
        out.flush();
      }
    }
    return 0;
  }
}
