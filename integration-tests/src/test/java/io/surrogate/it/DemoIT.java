package io.surrogate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.cli.SurrogateCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code surrogate demo --no-serve} in-process and checks every step of its walkthrough, served from the twin. */
class DemoIT {

  @Test
  void demoWalksThroughTrainingQueriesAndPrivacy(@TempDir Path home) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SurrogateCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("demo", "--no-serve", "--home", home.toString());
    String text = out.toString();
    assertEquals(0, code, () -> "demo failed:\n" + text + "\n" + err);
    assertTrue(text.contains("trained PATIENTS: version 1, generator copula"), text);
    assertTrue(text.contains("trained VISITS: version 1, generator copula"), text);
    // the synthetic×real join names every real department
    for (String dept : new String[] {"Cardiology", "Dermatology", "Emergency", "General Practice", "Neurology", "Orthopedics"}) {
      assertTrue(text.contains(dept), () -> "missing department " + dept + " in\n" + text);
    }
    // fake PII never looks like the demo source's own e-mail domain
    assertTrue(!text.contains("@mail.test"), text);
    Matcher q = Pattern.compile("patients\\s+epsilon spent 1\\.000 of budget 10\\.000\\s+quality (0\\.\\d+)").matcher(text);
    assertTrue(q.find(), text);
    double quality = Double.parseDouble(q.group(1));
    assertTrue(quality > 0.7 && quality < 1.0, "patients quality " + quality);
    // it serves from the twin, an embedded PostgreSQL, and explains its two numbers
    assertTrue(text.matches("(?s).*\\n   PostgreSQL 1\\d\\.\\d+\\.\\d+, database surrogate_demo: [\\d,]+ synthetic rows, 6 real rows\\n.*"),
        text);
    assertTrue(text.contains("What epsilon means:") && text.contains("What quality means:"), text);
    List<String> sections = text.lines().filter(l -> l.matches("\\d+\\. .*")).map(l -> l.substring(0, l.indexOf('.')))
        .toList();
    assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), sections, "each section numbered once, in order");
    // every synthetic visit joins an existing synthetic patient
    Matcher joined = Pattern.compile("visits \\| with_patient\\s+-+\\+-+\\s+(\\d+)\\s+\\| (\\d+)").matcher(text);
    assertTrue(joined.find(), text);
    assertTrue(Long.parseLong(joined.group(1)) > 0, text);
    assertEquals(joined.group(1), joined.group(2), "visits without their patient");
  }
}
