package io.surrogate.synth.relational;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.synth.Datasets;
import io.surrogate.synth.dp.TestNoise;
import io.surrogate.synth.sample.Seeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Children-per-parent similarity on the shared Chinook CSVs (Customer→Invoice, Invoice→InvoiceLine). */
class ChinookCardinalityTest {

  @Test
  void customerInvoiceAndInvoiceLineShapesSurviveRelease() throws IOException {
    check("Customer.csv", "Invoice.csv");
    check("Invoice.csv", "InvoiceLine.csv");
  }

  private static void check(String parentFile, String childFile) throws IOException {
    Path parent = Datasets.file("chinook/" + parentFile);
    Path child = Datasets.file("chinook/" + childFile);
    assumeTrue(Files.exists(parent) && Files.exists(child), "shared datasets absent: " + parent);
    Map<Long, Long> counts = new LinkedHashMap<>();
    for (List<String> r : records(parent)) {
      counts.put(Long.parseLong(r.get(0)), 0L);
    }
    for (List<String> r : records(child)) {
      counts.merge(Long.parseLong(r.get(1)), 1L, Long::sum);
    }
    long[] real = counts.values().stream().mapToLong(Long::longValue).toArray();
    for (double epsilon : new double[] {Double.POSITIVE_INFINITY, 1.0}) {
      CardinalityHistogram h = CardinalityHistogram.release(real, ParentLink.DEFAULT_MAX_ROWS_PER_PARENT,
          epsilon, TestNoise.seeded(1));
      long[] synth = new long[real.length];
      for (int i = 0; i < real.length; i++) {
        synth[i] = h.countFor(5, i + 1);
      }
      double sim = CardinalityShape.similarity(real, synth);
      System.out.printf("%s -> %s cardinality shape similarity at epsilon=%s: %.4f%n",
          parentFile, childFile, epsilon, sim);
      if (Double.isInfinite(epsilon)) {
        assertTrue(sim >= 0.85, parentFile + " -> " + childFile + " similarity " + sim);
      }
    }
  }

  /** Quote-aware CSV records without the header (addresses hold commas and may hold newlines). */
  private static List<List<String>> records(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<List<String>> out = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else if ((ch == '\n' || ch == '\r') && !quoted) {
        if (!fields.isEmpty() || field.length() > 0) {
          fields.add(field.toString());
          out.add(fields);
          fields = new ArrayList<>();
          field.setLength(0);
        }
      } else {
        field.append(ch);
      }
    }
    if (!fields.isEmpty() || field.length() > 0) {
      fields.add(field.toString());
      out.add(fields);
    }
    return out.subList(1, out.size());
  }
}
