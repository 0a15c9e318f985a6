package io.surrogate.cli;

import io.surrogate.catalog.StoredModel;
import io.surrogate.catalog.TableMode;
import io.surrogate.catalog.Trainer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code surrogate train}: fits a new model version for each named (or every) synthetic table. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train models for synthetic tables, spending privacy budget recorded in the ledger.")
final class TrainCommand implements Callable<Integer> {

  @Mixin
  SourceOptions options = new SourceOptions();

  @Option(names = {"-t", "--table"}, paramLabel = "TABLE", description = "Table to train (repeatable; default: every synthetic table).")
  List<String> tables;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Workspace ws = Workspace.open(options)) {
      List<String> targets = tables == null || tables.isEmpty() ? ws.syntheticTables() : tables;
      for (String t : targets) {
        if (ws.policy.forTable(t).mode() == TableMode.REAL) {
          throw new IllegalArgumentException("table " + t + " is real in the policy; only synthetic tables are trained");
        }
      }
      Trainer trainer = new Trainer(ws.catalog, ws.policy, ws.sourceId, ws.source, ws.schema);
      Progress progress = new Progress(System.err);
      for (String table : targets) {
        StoredModel m;
        try {
          m = trainer.train(table, progress);
        } finally {
          progress.done();
        }
        out.println(describe(m));
        out.flush();
      }
    }
    return 0;
  }

  static String describe(StoredModel m) {
    return String.format(Locale.ROOT, "trained %s: version %d, generator %s, epsilon %s, delta %.1e, serves %,d rows",
        m.table(), m.version(), m.generator(), formatEpsilon(m.epsilon()), m.delta(), m.rows());
  }

  static String formatEpsilon(double e) {
    return Double.isInfinite(e) ? "infinity" : String.format(Locale.ROOT, "%.3f", e);
  }
}
