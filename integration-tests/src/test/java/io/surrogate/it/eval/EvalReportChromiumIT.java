package io.surrogate.it.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.eval.EvalResult;
import io.surrogate.eval.Evaluator;
import io.surrogate.eval.ReportWriter;
import io.surrogate.synth.PrivacyBudget;
import io.surrogate.synth.TableData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders an evaluation report in headless Chromium and checks the screenshot is a real picture. */
class EvalReportChromiumIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @Test
  void reportRendersOffline(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium absent: " + CHROMIUM);
    Path root = Path.of(System.getProperty("surrogate.datasets", "../shared/datasets"));
    TableData data = EvalQualityGateIT.load(root.resolve("german_credit/german_credit.csv"), "german_credit", List.of());
    EvalResult r = new Evaluator(0.2, 1, 500).evaluate(data, "copula", new PrivacyBudget(1.0, 1e-6), s -> { });
    Path out = dir.resolve("report");
    ReportWriter.write(List.of(r), out);
    Path png = dir.resolve("shot.png");
    Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--screenshot=" + png, "--window-size=1200,2000", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--user-data-dir=" + dir.resolve("profile"),
        out.resolve("report.html").toUri().toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("chromium.log").toFile()).start();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish in 90 s");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("chromium.log")));
    assertTrue(Files.size(png) > 20_000, "screenshot only " + Files.size(png) + " bytes");
    BufferedImage img = ImageIO.read(png.toFile());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 7) {
      for (int x = 0; x < img.getWidth(); x += 7) {
        colours.add(img.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 20, "screenshot has only " + colours.size() + " colours");
  }
}
