package io.surrogate.eval;

import java.util.List;
import java.util.Locale;

/** A tiny inline-SVG writer for grouped bar charts and heatmaps, so reports open offline without scripts. */
public final class Svg {

  private static final String REAL = "#4063d8";
  private static final String SYN = "#e07b39";

  private Svg() {}

  /** Grouped bars of real vs synthetic shares per label. */
  public static String bars(String title, List<String> labels, double[] real, double[] synthetic) {
    int w = 520;
    int h = 220;
    int n = Math.max(1, labels.size());
    double max = 1e-12;
    for (int i = 0; i < labels.size(); i++) {
      max = Math.max(max, Math.max(real[i], synthetic[i]));
    }
    double slot = (w - 40.0) / n;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'>", w, h));
    sb.append("<rect width='100%' height='100%' fill='#fff' stroke='#ccc'/>");
    sb.append("<text x='8' y='16' font-size='13' font-family='sans-serif'>").append(Html.esc(title)).append("</text>");
    for (int i = 0; i < labels.size(); i++) {
      double x = 30 + i * slot;
      bar(sb, x + slot * 0.1, slot * 0.4, real[i] / max, REAL);
      bar(sb, x + slot * 0.5, slot * 0.4, synthetic[i] / max, SYN);
      if (n <= 12) {
        sb.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='9' font-family='sans-serif'>%s</text>",
            x + 2, h - 6, Html.esc(shorten(labels.get(i)))));
      }
    }
    sb.append(legend(w));
    return sb.append("</svg>").toString();
  }

  private static void bar(StringBuilder sb, double x, double width, double frac, String colour) {
    double height = 160 * frac;
    sb.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'/>",
        x, 190 - height, Math.max(0.5, width), height, colour));
  }

  private static String legend(int w) {
    return String.format(Locale.ROOT, "<rect x='%d' y='6' width='10' height='10' fill='%s'/>"
        + "<text x='%d' y='15' font-size='11' font-family='sans-serif'>real</text>"
        + "<rect x='%d' y='6' width='10' height='10' fill='%s'/>"
        + "<text x='%d' y='15' font-size='11' font-family='sans-serif'>synthetic</text>",
        w - 150, REAL, w - 136, w - 96, SYN, w - 82);
  }

  /** A square heatmap of values in [0, 1] (e.g. pair-trend scores), dark = high. */
  public static String heatmap(String title, List<String> names, double[][] values) {
    int n = names.size();
    int cell = Math.max(8, Math.min(28, 360 / Math.max(1, n)));
    int size = 130 + n * cell;
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'>", size, size));
    sb.append("<rect width='100%' height='100%' fill='#fff'/>");
    sb.append("<text x='8' y='16' font-size='13' font-family='sans-serif'>").append(Html.esc(title)).append("</text>");
    for (int i = 0; i < n; i++) {
      sb.append(String.format(Locale.ROOT, "<text x='4' y='%d' font-size='9' font-family='sans-serif'>%s</text>",
          120 + i * cell + cell / 2 + 3, Html.esc(shorten(names.get(i)))));
      for (int j = 0; j < n; j++) {
        double v = values[i][j];
        String fill = Double.isNaN(v) ? "#eee" : shade(v);
        sb.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' fill='%s'/>",
            120 + j * cell, 120 + i * cell, cell - 1, cell - 1, fill));
      }
    }
    return sb.append("</svg>").toString();
  }

  /**
   * A correlation heatmap on the fixed diverging scale of {@link #correlationColour}: rows and columns labelled,
   * each cell titled with its value; {@code pearson[i][j]} marks cells holding Pearson's r rather than Cramér's V.
   */
  public static String correlationHeatmap(String title, String id, List<String> names, double[][] values,
      boolean[][] pearson) {
    int n = names.size();
    int cell = Math.max(8, Math.min(28, 360 / Math.max(1, n)));
    int size = 130 + n * cell;
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns='http://www.w3.org/2000/svg' id='%s' class='corr' width='%d' height='%d'>", Html.esc(id),
        size, size));
    sb.append("<rect width='100%' height='100%' fill='#fff'/>");
    sb.append("<text x='8' y='16' font-size='13' font-family='sans-serif'>").append(Html.esc(title)).append("</text>");
    for (int i = 0; i < n; i++) {
      String label = Html.esc(shorten(names.get(i)));
      sb.append(String.format(Locale.ROOT, "<text x='4' y='%d' font-size='9' font-family='sans-serif'>%s</text>",
          120 + i * cell + cell / 2 + 3, label));
      int x = 120 + i * cell + cell / 2 + 3;
      sb.append(String.format(Locale.ROOT, "<text x='%d' y='116' font-size='9' font-family='sans-serif' "
          + "transform='rotate(-60 %d 116)'>%s</text>", x, x, label));
      for (int j = 0; j < n; j++) {
        double v = values[i][j];
        String what = pearson[i][j] ? "r" : "V";
        sb.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' fill='%s'><title>%s × %s: "
            + "%s = %s</title></rect>", 120 + j * cell, 120 + i * cell, cell - 1, cell - 1, correlationColour(v),
            Html.esc(names.get(i)), Html.esc(names.get(j)), what,
            Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.3f", v)));
      }
    }
    return sb.append("</svg>").toString();
  }

  /** The legend of {@link #correlationColour}: a bar from −1 to +1 with its end and middle values. */
  public static String correlationLegend() {
    int w = 240;
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns='http://www.w3.org/2000/svg' class='corr-legend' width='%d' height='44'>", w + 20));
    for (int i = 0; i < w; i += 4) {
      sb.append(String.format(Locale.ROOT, "<rect x='%d' y='4' width='4' height='16' fill='%s'/>", 10 + i,
          correlationColour(-1 + 2.0 * (i + 2) / w)));
    }
    sb.append("<text x='4' y='36' font-size='10' font-family='sans-serif'>−1</text>");
    sb.append(String.format(Locale.ROOT, "<text x='%d' y='36' font-size='10' font-family='sans-serif'>0</text>",
        10 + w / 2 - 3));
    sb.append(String.format(Locale.ROOT, "<text x='%d' y='36' font-size='10' font-family='sans-serif'>+1</text>",
        w + 2));
    return sb.append("</svg>").toString();
  }

  /**
   * Diverging colour of an association in [−1, 1]: blue for −1, near-white for 0, dark red for +1 (Cramér's V
   * uses the upper half); grey for undefined.
   */
  public static String correlationColour(double v) {
    if (Double.isNaN(v)) {
      return "#dddddd";
    }
    double t = Math.max(-1, Math.min(1, v));
    int[] end = t < 0 ? new int[] {33, 102, 172} : new int[] {178, 24, 43};
    int[] mid = {247, 247, 247};
    double a = Math.abs(t);
    return String.format(Locale.ROOT, "rgb(%d,%d,%d)", mix(mid[0], end[0], a), mix(mid[1], end[1], a),
        mix(mid[2], end[2], a));
  }

  private static int mix(int from, int to, double a) {
    return (int) Math.round(from + (to - from) * a);
  }

  private static String shade(double v) {
    int c = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, v))));
    return String.format(Locale.ROOT, "rgb(%d,%d,255)", c, c);
  }

  private static String shorten(String s) {
    return s.length() <= 10 ? s : s.substring(0, 9) + "…";
  }
}
