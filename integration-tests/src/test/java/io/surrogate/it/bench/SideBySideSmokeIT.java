package io.surrogate.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surrogate.bench.SideBySide;
import io.surrogate.bench.SideBySideOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny run of the side-by-side bench (20,000 rows, a few queries): it completes against the local PostgreSQL
 * and writes well-formed JSON with every measurement and its same-run baseline. The full run is
 * {@code bench.sh side-by-side}, never part of {@code verify}.
 */
class SideBySideSmokeIT {

  @Test
  void tinyRunWritesWellFormedJson(@TempDir Path dir) throws Exception {
    assumeTrue(postgresUp(), "PostgreSQL not reachable on 127.0.0.1:5432");
    Path out = dir.resolve("nested").resolve("bench.json");
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      SideBySide.main(new String[] {"--rows", "20000", "--queries", "40", "--rounds", "1", "--fetch-size", "1000",
          "--out", out.toString()});
    } finally {
      System.setOut(stdout);
    }
    String console = printed.toString(StandardCharsets.UTF_8);
    System.out.print(console);
    JsonNode report = new ObjectMapper().readTree(out.toFile());
    assertEquals(20_000, report.at("/settings/rows").asInt());
    JsonNode results = report.get("results");
    assertEquals(9, results.size(), report.toPrettyString());
    assertTrue(report.at("/timings/sandboxCreateMs").asDouble() > 0, report.toPrettyString());
    for (JsonNode r : results) {
      double value = r.get("value").asDouble();
      double baseline = r.get("baselineValue").asDouble();
      assertTrue(value > 0 && baseline > 0, r.toString());
      assertEquals(value / baseline, r.get("ratio").asDouble(), 0.002 + 0.01 * value / baseline, r.toString());
      assertTrue(console.contains(r.get("measure").asText()), "console table lacks " + r.get("measure"));
    }
    assertTrue(results.get(0).get("measure").asText().startsWith("driver scan"), results.toString());
    assertEquals("rows/s", results.get(1).get("unit").asText());
    assertEquals("queries/s", results.get(3).get("unit").asText());
    assertTrue(results.get(3).get("measure").asText().startsWith("point query by key, prepared, byte relay"),
        results.toString());
    assertTrue(results.get(6).get("measure").asText().startsWith("point query by key, literal SQL, byte relay"),
        results.toString());
    assertEquals("queries/s", results.get(7).get("unit").asText());
    assertTrue(results.get(8).get("measure").asText().contains("into a sandbox"), results.toString());
  }

  @Test
  void badArgumentsFailBeforeAnythingRuns() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SideBySideOptions.parse("--rows", "0"));
    assertEquals("--rows: 0 (expected: >= 1)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SideBySideOptions.parse("--frobnicate", "1"));
    assertTrue(e.getMessage().startsWith("--frobnicate: unknown option (usage: side-by-side"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SideBySideOptions.parse("--out"));
    assertTrue(e.getMessage().startsWith("--out: missing value"), e.getMessage());
  }

  private static boolean postgresUp() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
