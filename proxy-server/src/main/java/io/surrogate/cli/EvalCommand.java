package io.surrogate.cli;

import io.surrogate.catalog.SourceReader;
import io.surrogate.catalog.StoredModel;
import io.surrogate.catalog.TableMode;
import io.surrogate.catalog.TablePolicy;
import io.surrogate.eval.EvalResult;
import io.surrogate.eval.Evaluator;
import io.surrogate.eval.ReportWriter;
import io.surrogate.eval.TstrResult;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import io.surrogate.synth.metrics.QualityReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code surrogate eval}: the data owner's check of each synthetic table. Without {@code --holdout} it scores
 * the served model against all real rows; with it, it fits the policy's generator in memory on a train split
 * (no catalog write, no ledger spend) and measures fidelity, validity and privacy against the holdout.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Score synthetic tables: served-model quality, or a holdout experiment with a report (--holdout).")
final class EvalCommand implements Callable<Integer> {

  @Mixin
  SourceOptions options = new SourceOptions();

  @Option(names = {"-t", "--table"}, paramLabel = "TABLE", description = "Table to score (repeatable; default: every synthetic table).")
  List<String> tables;

  @Option(names = "--holdout", paramLabel = "FRACTION",
      description = "Run the in-memory holdout experiment keeping this share of real rows back, in (0, 0.9].")
  Double holdout;

  @Option(names = "--target", paramLabel = "TABLE=COLUMN",
      description = "Column to predict for ML utility (TSTR) in the holdout experiment (repeatable, one per table).")
  Map<String, String> targetColumns;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for report.html and report.json (holdout mode).")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "Split, fit and sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (out != null && holdout == null) {
      throw new IllegalArgumentException("--out " + out + ": a report needs the holdout experiment (expected: --holdout)");
    }
    Map<String, String> byTable = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (targetColumns != null) {
      if (holdout == null) {
        throw new IllegalArgumentException("--target " + targetColumns
            + ": ML utility needs the holdout experiment (expected: --holdout)");
      }
      byTable.putAll(targetColumns);
    }
    Evaluator evaluator = holdout == null ? null : new Evaluator(holdout, seed, 2000);
    PrintWriter pw = spec.commandLine().getOut();
    try (Workspace ws = Workspace.open(options)) {
      List<String> targets = tables == null || tables.isEmpty() ? ws.syntheticTables() : tables;
      for (String t : byTable.keySet()) {
        if (targets.stream().noneMatch(t::equalsIgnoreCase)) {
          throw new IllegalArgumentException("--target " + t + "=" + byTable.get(t)
              + ": table not evaluated (expected one of " + targets + ")");
        }
      }
      List<EvalResult> results = new ArrayList<>();
      for (String table : targets) {
        if (ws.policy.forTable(table).mode() == TableMode.REAL) {
          throw new IllegalArgumentException("table " + table + " is real in the policy; only synthetic tables are scored");
        }
        if (evaluator == null) {
          served(ws, table, pw);
        } else {
          results.add(experiment(ws, table, evaluator, byTable.get(table), pw));
        }
      }
      if (out != null) {
        ReportWriter.write(results, out);
        pw.printf(Locale.ROOT, "report written to %s%n", out.toAbsolutePath());
      }
    }
    return 0;
  }

  private static EvalResult experiment(Workspace ws, String table, Evaluator evaluator, String target, PrintWriter pw)
      throws Exception {
    TablePolicy tp = ws.policy.forTable(table);
    TableData real = SourceReader.read(ws.source, ws.schema, table, tp, null);
    double delta = tp.delta() != null ? tp.delta() : Math.min(1e-6, 1.0 / Math.max(1.0, (double) real.rowCount() * real.rowCount()));
    EvalResult r = evaluator.evaluate(real, tp.generator(), new PrivacyBudget(tp.epsilon(), delta), tp.options(),
        target, line -> System.err.println(line));
    pw.printf(Locale.ROOT, "%s (%s, epsilon %s, in-memory fit, no ledger spend): quality %.3f (shapes %.3f, pairs %.3f);"
        + " DCR closer-to-train %.3f; exact match train %.3f / holdout %.3f; attack AUC %.3f%n", table, r.generator(),
        TrainCommand.formatEpsilon(r.epsilon()), r.quality().score(), r.quality().columnShapes(),
        r.quality().pairTrends(), r.privacy().closerToTrainShare(), r.privacy().exactMatchTrain(),
        r.privacy().exactMatchHoldout(), r.privacy().attackAuc());
    printTstr(r.tstr(), pw);
    pw.flush();
    return r;
  }

  private static void printTstr(TstrResult t, PrintWriter pw) {
    if (t == null) {
      pw.printf(Locale.ROOT, "    %s%n", ReportWriter.TSTR_SKIPPED);
      return;
    }
    pw.printf(Locale.ROOT, "    ML utility, target %s (%s%s): model / metric: train on real, train on synthetic, gap%n",
        t.target(), t.task(), t.positive() == null ? "" : ", positive class " + t.positive());
    for (TstrResult.Score s : t.scores()) {
      pw.printf(Locale.ROOT, "    %-20s %-9s %.3f  %.3f  %+.3f%n", s.model(), s.metric(), s.real(), s.synthetic(),
          s.gap());
    }
  }

  private static void served(Workspace ws, String table, PrintWriter out) throws Exception {
    Optional<StoredModel> m = ws.catalog.latestModel(ws.sourceId, table);
    if (m.isEmpty()) {
      out.printf(Locale.ROOT, "%s: no trained model (run surrogate train)%n", table);
      return;
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
