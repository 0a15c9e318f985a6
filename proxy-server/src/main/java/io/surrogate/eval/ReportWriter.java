package io.surrogate.eval;

import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableData;
import io.surrogate.synth.metrics.QualityReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code report.html} (self-contained, inline SVG) and {@code report.json} into a temporary folder,
 * then moves the folder to its destination so a partial report never looks complete.
 */
public final class ReportWriter {

  private ReportWriter() {}

  /** Writes the report for {@code results} to {@code out}, which must not exist yet or be an empty folder. */
  public static void write(List<EvalResult> results, Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      throw new IOException("output folder " + out + ": parent is not a writable folder");
    }
    if (Files.exists(out) && !(Files.isDirectory(out) && isEmpty(out))) {
      throw new IOException("output folder " + out + ": already exists and is not empty");
    }
    Path tmp = Files.createTempDirectory(parent, ".eval-");
    try {
      Files.writeString(tmp.resolve("report.json"), json(results), StandardCharsets.UTF_8);
      Files.writeString(tmp.resolve("report.html"), html(results), StandardCharsets.UTF_8);
      Files.deleteIfExists(out);
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try (var s = Files.list(tmp)) {
        for (Path p : s.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  /** Every number as JSON. */
  public static String json(List<EvalResult> results) {
    StringBuilder sb = new StringBuilder("{\"tables\":[");
    for (int t = 0; t < results.size(); t++) {
      EvalResult r = results.get(t);
      sb.append(t == 0 ? "" : ",").append('{');
      field(sb, "table", r.table()).append(',');
      field(sb, "generator", r.generator()).append(',');
      num(sb, "epsilon", r.epsilon()).append(',');
      num(sb, "delta", r.delta()).append(',');
      num(sb, "trainRows", r.train().rowCount()).append(',');
      num(sb, "holdoutRows", r.holdout().rowCount()).append(',');
      num(sb, "syntheticRows", r.synthetic().rowCount()).append(',');
      QualityReport q = r.quality();
      sb.append("\"fidelity\":{");
      num(sb, "quality", q.score()).append(',');
      num(sb, "columnShapes", q.columnShapes()).append(',');
      num(sb, "pairTrends", q.pairTrends()).append(",\"columns\":[");
      for (int i = 0; i < q.columns().size(); i++) {
        QualityReport.ColumnScore c = q.columns().get(i);
        sb.append(i == 0 ? "{" : ",{");
        field(sb, "column", c.column()).append(',');
        field(sb, "metric", c.metric()).append(',');
        num(sb, "score", c.score()).append('}');
      }
      sb.append("],\"pairs\":[");
      for (int i = 0; i < q.pairs().size(); i++) {
        QualityReport.PairScore p = q.pairs().get(i);
        sb.append(i == 0 ? "{" : ",{");
        field(sb, "left", p.left()).append(',');
        field(sb, "right", p.right()).append(',');
        field(sb, "metric", p.metric()).append(',');
        num(sb, "score", p.score()).append('}');
      }
      sb.append("]},");
      correlationsJson(sb, Associations.of(r.train(), r.synthetic()));
      sb.append(",\"diagnostics\":[");
      List<Diagnostics.ColumnCheck> d = r.diagnostics().columns();
      for (int i = 0; i < d.size(); i++) {
        Diagnostics.ColumnCheck c = d.get(i);
        sb.append(i == 0 ? "{" : ",{");
        field(sb, "column", c.column()).append(',');
        num(sb, "inBoundsShare", c.inBoundsShare()).append(',');
        sb.append("\"keyValid\":").append(c.keyValid()).append(',');
        num(sb, "realNullRate", c.realNullRate()).append(',');
        num(sb, "syntheticNullRate", c.syntheticNullRate()).append('}');
      }
      PrivacyMetrics p = r.privacy();
      sb.append("],\"privacy\":{");
      num(sb, "dcrCloserToTrainShare", p.closerToTrainShare()).append(',');
      num(sb, "exactMatchTrain", p.exactMatchTrain()).append(',');
      num(sb, "exactMatchHoldout", p.exactMatchHoldout()).append(',');
      num(sb, "membershipAttackAuc", p.attackAuc()).append(',');
      num(sb, "medianDcrTrain", p.medianDcrTrain()).append(',');
      num(sb, "medianDcrHoldout", p.medianDcrHoldout()).append("},");
      tstrJson(sb, r.tstr());
      sb.append('}');
    }
    return sb.append("]}\n").toString();
  }

  private static void correlationsJson(StringBuilder sb, Associations[] m) {
    sb.append("\"correlations\":{\"columns\":[");
    List<String> names = m[0].columns();
    for (int i = 0; i < names.size(); i++) {
      sb.append(i == 0 ? "" : ",");
      str(sb, names.get(i));
    }
    sb.append("],\"measure\":\"pearson for numeric pairs, cramers_v otherwise\"");
    String[] sides = {"real", "synthetic"};
    for (int s = 0; s < 2; s++) {
      sb.append(",\"").append(sides[s]).append("\":[");
      for (int i = 0; i < names.size(); i++) {
        sb.append(i == 0 ? "[" : ",[");
        for (int j = 0; j < names.size(); j++) {
          sb.append(j == 0 ? "" : ",");
          value(sb, m[s].get(i, j));
        }
        sb.append(']');
      }
      sb.append(']');
    }
    sb.append('}');
  }

  /** Note shown wherever ML utility was not measured. */
  public static final String TSTR_SKIPPED = "ML utility (TSTR) skipped: no target column (use --target TABLE=COLUMN)";

  private static void tstrJson(StringBuilder sb, TstrResult t) {
    sb.append("\"mlUtility\":{");
    if (t == null) {
      field(sb, "skipped", TSTR_SKIPPED).append('}');
      return;
    }
    field(sb, "target", t.target()).append(',');
    field(sb, "task", t.task()).append(',');
    if (t.positive() != null) {
      field(sb, "positiveClass", t.positive()).append(',');
    }
    sb.append("\"scores\":[");
    for (int i = 0; i < t.scores().size(); i++) {
      TstrResult.Score s = t.scores().get(i);
      sb.append(i == 0 ? "{" : ",{");
      field(sb, "model", s.model()).append(',');
      field(sb, "metric", s.metric()).append(',');
      num(sb, "trainOnReal", s.real()).append(',');
      num(sb, "trainOnSynthetic", s.synthetic()).append(',');
      num(sb, "gap", s.gap()).append('}');
    }
    sb.append("]}");
  }

  private static StringBuilder field(StringBuilder sb, String name, String value) {
    sb.append('"').append(name).append("\":");
    return str(sb, value);
  }

  private static StringBuilder str(StringBuilder sb, String value) {
    sb.append('"');
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"');
  }

  private static StringBuilder num(StringBuilder sb, String name, double value) {
    sb.append('"').append(name).append("\":");
    return value(sb, value);
  }

  private static StringBuilder value(StringBuilder sb, double value) {
    if (Double.isNaN(value)) {
      return sb.append("null");
    }
    if (Double.isInfinite(value)) {
      return sb.append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    }
    return sb.append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
        : Double.toString(value));
  }

  /** The self-contained HTML page. */
  public static String html(List<EvalResult> results) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset='utf-8'>"
        + "<title>Surrogate evaluation</title><style>body{font-family:sans-serif;margin:24px;color:#222}"
        + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;"
        + "text-align:right}th{background:#f0f0f0}td:first-child{text-align:left}svg{margin:4px}</style>"
        + "</head><body><h1>Surrogate evaluation report</h1>");
    for (EvalResult r : results) {
      sb.append("<h2>").append(Html.esc(r.table())).append("</h2><p>")
          .append(Html.esc(String.format(Locale.ROOT, "generator %s, ε %s, δ %.1e; fitted in memory on %d train rows,"
              + " %d holdout rows kept back, %d synthetic rows drawn (no ledger spend)", r.generator(),
              Double.isInfinite(r.epsilon()) ? "∞" : String.format(Locale.ROOT, "%.3f", r.epsilon()), r.delta(),
              r.train().rowCount(), r.holdout().rowCount(), r.synthetic().rowCount()))).append("</p>");
      summary(sb, r);
      correlations(sb, r);
      sb.append("<h3>Columns: real vs synthetic</h3><div>");
      for (int c = 0; c < r.train().spec().width(); c++) {
        if (r.train().spec().column(c).isModelled()) {
          sb.append(columnChart(r, c));
        }
      }
      sb.append("</div><h3>Column pair trends</h3>").append(pairHeatmap(r.quality()));
      diagnostics(sb, r.diagnostics());
    }
    return sb.append("</body></html>\n").toString();
  }

  private static void summary(StringBuilder sb, EvalResult r) {
    QualityReport q = r.quality();
    PrivacyMetrics p = r.privacy();
    sb.append("<table><tr><th>metric</th><th>value</th><th>ideal</th></tr>");
    row(sb, "quality", q.score(), "1");
    row(sb, "column shapes", q.columnShapes(), "1");
    row(sb, "column pair trends", q.pairTrends(), "1");
    row(sb, "DCR share closer to train", p.closerToTrainShare(), "0.5");
    row(sb, "exact matches vs train", p.exactMatchTrain(), "≈ vs holdout");
    row(sb, "exact matches vs holdout", p.exactMatchHoldout(), "");
    row(sb, "membership attack AUC", p.attackAuc(), "0.5");
    row(sb, "median DCR to train", p.medianDcrTrain(), "≈ to holdout");
    row(sb, "median DCR to holdout", p.medianDcrHoldout(), "");
    sb.append("</table>");
    tstrHtml(sb, r.tstr());
  }

  private static void tstrHtml(StringBuilder sb, TstrResult t) {
    sb.append("<h3>ML utility (train on synthetic, test on real)</h3>");
    if (t == null) {
      sb.append("<p>").append(Html.esc(TSTR_SKIPPED)).append("</p>");
      return;
    }
    sb.append("<p>").append(Html.esc("target " + t.target() + " (" + t.task()
        + (t.positive() == null ? "" : ", positive class " + t.positive()) + "), scored on the real holdout"))
        .append("</p><table><tr><th>model</th><th>metric</th><th>train on real</th><th>train on synthetic</th>"
        + "<th>gap</th></tr>");
    for (TstrResult.Score s : t.scores()) {
      sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%.3f</td><td>%.3f</td><td>%.3f</td></tr>",
          Html.esc(s.model()), Html.esc(s.metric()), s.real(), s.synthetic(), s.gap()));
    }
    sb.append("</table>");
  }

  private static void row(StringBuilder sb, String name, double v, String ideal) {
    sb.append("<tr><td>").append(Html.esc(name)).append("</td><td>")
        .append(String.format(Locale.ROOT, "%.3f", v)).append("</td><td>").append(Html.esc(ideal)).append("</td></tr>");
  }

  private static void diagnostics(StringBuilder sb, Diagnostics d) {
    sb.append("<h3>Diagnostics</h3><table><tr><th>column</th><th>in bounds/domain</th><th>key valid</th>"
        + "<th>NULL real</th><th>NULL synthetic</th></tr>");
    for (Diagnostics.ColumnCheck c : d.columns()) {
      sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%s</td><td>%.3f</td><td>%.3f</td></tr>",
          Html.esc(c.column()), c.inBoundsShare(), c.keyValid() ? "yes" : "NO", c.realNullRate(),
          c.syntheticNullRate()));
    }
    sb.append("</table>");
  }

  static String columnChart(EvalResult r, int c) {
    ColumnSpec col = r.train().spec().column(c);
    Object[] real = r.train().column(c);
    Object[] syn = r.synthetic().column(c);
    if (Distances.isNumeric(col.kind())) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (Object v : real) {
        if (v != null) {
          lo = Math.min(lo, Distances.toDouble(v));
          hi = Math.max(hi, Distances.toDouble(v));
        }
      }
      int bins = 20;
      double[] a = numericHist(real, lo, hi, bins);
      double[] b = numericHist(syn, lo, hi, bins);
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < bins; i++) {
        labels.add("");
      }
      return Svg.bars(col.name() + String.format(Locale.ROOT, " [%.4g, %.4g]", lo, hi), labels, a, b);
    }
    Map<String, double[]> counts = new LinkedHashMap<>();
    for (Object v : real) {
      counts.computeIfAbsent(String.valueOf(v), k -> new double[2])[0] += 1.0 / real.length;
    }
    for (Object v : syn) {
      counts.computeIfAbsent(String.valueOf(v), k -> new double[2])[1] += 1.0 / syn.length;
    }
    List<Map.Entry<String, double[]>> top = counts.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0])
            .thenComparing(Map.Entry::getKey))
        .limit(12).toList();
    double[] a = top.stream().mapToDouble(e -> e.getValue()[0]).toArray();
    double[] b = top.stream().mapToDouble(e -> e.getValue()[1]).toArray();
    return Svg.bars(col.name(), top.stream().map(Map.Entry::getKey).toList(), a, b);
  }

  private static double[] numericHist(Object[] values, double lo, double hi, int bins) {
    double[] h = new double[bins];
    double width = hi > lo ? (hi - lo) / bins : 1;
    for (Object v : values) {
      if (v != null) {
        int i = (int) Math.floor((Distances.toDouble(v) - lo) / width);
        h[Math.max(0, Math.min(bins - 1, i))] += 1.0 / values.length;
      }
    }
    return h;
  }

  // Real and synthetic matrices sit side by side on one fixed colour scale, so a difference in shade is a
  // difference in association, never a difference in scaling.
  private static void correlations(StringBuilder sb, EvalResult r) {
    Associations[] m = Associations.of(r.train(), r.synthetic());
    int n = m[0].columns().size();
    boolean[][] pearson = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        pearson[i][j] = m[0].isPearson(i, j);
      }
    }
    sb.append("<h3>Correlations: real vs synthetic</h3><p>Pearson's r for two numeric columns, Cramér's V for a"
        + " pair with a categorical column (numbers cut into ").append(Associations.BINS)
        .append(" bins); both maps share one colour scale.</p><div style='display:flex;flex-wrap:wrap;"
        + "align-items:flex-start'>")
        .append(Svg.correlationHeatmap("real (train rows)", "corr-real-" + r.table(), m[0].columns(),
            m[0].values(), pearson))
        .append(Svg.correlationHeatmap("synthetic", "corr-synthetic-" + r.table(), m[1].columns(), m[1].values(),
            pearson))
        .append("</div>").append(Svg.correlationLegend());
  }

  static String pairHeatmap(QualityReport q) {
    List<String> names = q.columns().stream().map(QualityReport.ColumnScore::column).toList();
    double[][] m = new double[names.size()][names.size()];
    for (double[] rowValues : m) {
      java.util.Arrays.fill(rowValues, Double.NaN);
    }
    for (QualityReport.PairScore p : q.pairs()) {
      int i = names.indexOf(p.left());
      int j = names.indexOf(p.right());
      if (i >= 0 && j >= 0) {
        m[i][j] = p.score();
        m[j][i] = p.score();
      }
    }
    return Svg.heatmap("pair trend score (dark = real and synthetic agree)", names, m);
  }
}
