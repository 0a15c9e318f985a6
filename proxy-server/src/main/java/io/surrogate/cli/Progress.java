package io.surrogate.cli;

import io.surrogate.catalog.TrainListener;
import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on a terminal stream, redrawn at most once per percent. */
final class Progress implements TrainListener {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private String lastLine = "";

  Progress(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void progress(String table, String phase, double fraction) {
    int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
    String line = String.format(Locale.ROOT, "  %-12s [%s%s] %3d%% %s", table, "#".repeat(filled),
        " ".repeat(WIDTH - filled), Math.round(fraction * 100), phase);
    if (!line.equals(lastLine)) {
      out.print('\r' + line + " ".repeat(Math.max(0, lastLine.length() - line.length())));
      out.flush();
      lastLine = line;
    }
  }

  /** Ends the current bar's line. */
  synchronized void done() {
    if (!lastLine.isEmpty()) {
      out.println();
      lastLine = "";
    }
  }
}
