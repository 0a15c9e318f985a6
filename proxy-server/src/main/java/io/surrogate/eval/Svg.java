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

  private static String shade(double v) {
    int c = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, v))));
    return String.format(Locale.ROOT, "rgb(%d,%d,255)", c, c);
  }

  private static String shorten(String s) {
    return s.length() <= 10 ? s : s.substring(0, 9) + "…";
  }
}
