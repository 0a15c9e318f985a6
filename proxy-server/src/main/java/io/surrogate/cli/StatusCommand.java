package io.surrogate.cli;

import io.surrogate.catalog.LedgerEntry;
import io.surrogate.catalog.StoredModel;
import io.surrogate.catalog.TablePolicy;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code surrogate status}: each table's mode, newest model and privacy spent against its cap. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show each table's mode, newest model, and privacy budget spent.")
final class StatusCommand implements Callable<Integer> {

  @Mixin
  SourceOptions options = new SourceOptions();

  @CommandLine.Option(names = "--ledger", description = "Also list every ledger entry with its releases.")
  boolean ledger;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Workspace ws = Workspace.open(options)) {
      out.printf(Locale.ROOT, "source  %s%ncatalog %s%n%n", ws.sourceId, ws.catalogUrl);
      out.printf(Locale.ROOT, "%-20s %-9s %-8s %-7s %12s %-22s%n", "table", "mode", "model", "gen", "rows",
          "epsilon spent / cap");
      for (String table : ws.sourceTables()) {
        TablePolicy p = ws.policy.forTable(table);
        Optional<StoredModel> m = ws.catalog.latestModel(ws.sourceId, table);
        double spent = ws.catalog.spentEpsilon(ws.sourceId, table);
        out.printf(Locale.ROOT, "%-20s %-9s %-8s %-7s %12s %-22s%n", table, p.mode().name().toLowerCase(Locale.ROOT),
            m.map(x -> "v" + x.version()).orElse("-"), m.map(StoredModel::generator).orElse("-"),
            m.map(x -> String.format(Locale.ROOT, "%,d", x.rows())).orElse("-"),
            String.format(Locale.ROOT, "%s / %s", TrainCommand.formatEpsilon(spent), TrainCommand.formatEpsilon(p.budget())));
        if (ledger) {
          List<LedgerEntry> entries = ws.catalog.ledger(ws.sourceId, table);
          for (LedgerEntry e : entries) {
            out.printf(Locale.ROOT, "    v%d %s epsilon=%s delta=%.1e unit=%s%n", e.modelVersion(), e.at(),
                TrainCommand.formatEpsilon(e.epsilon()), e.delta(), e.unit());
            for (String r : e.releases()) {
              out.println("      " + r);
            }
          }
        }
      }
    }
    return 0;
  }
}
