package io.surrogate.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the side-by-side bench, parsed from {@code --name value} arguments and validated before anything
 * runs.
 *
 * @param rows rows of every table scanned, streamed or looked up
 * @param clients concurrent point-query clients
 * @param warmQueries point queries per client before measuring
 * @param queries measured point queries per client
 * @param fetchSize pgJDBC fetch size of the streamed reads
 * @param rounds measured rounds of each scan or stream (the median is reported)
 * @param out JSON file written
 * @param pgUrl pgJDBC URL of the PostgreSQL baseline and source
 * @param pgUser PostgreSQL user
 * @param proxyHeap maximum heap of the proxy's own JVM, as {@code -Xmx} takes it
 * @param proxyJavaOptions further options of the proxy's JVM (blank for none), e.g. a profiler's
 * @param proxyServeArguments further arguments of {@code surrogate serve} (blank for none), e.g.
 *     {@code --source-connections 0} to measure the engine's JDBC path for real tables
 */
public record SideBySideOptions(int rows, int clients, long warmQueries, long queries, int fetchSize, int rounds,
    Path out, String pgUrl, String pgUser, String proxyHeap, String proxyJavaOptions, String proxyServeArguments) {

  /** The usage line printed with a bad argument. */
  static final String USAGE = "side-by-side [--rows N] [--queries N] [--warm-queries N] [--rounds N] [--fetch-size N]"
      + " [--out FILE]"
      + " [--pg-url URL] [--pg-user USER] [--proxy-heap SIZE] [--proxy-java-opts 'OPTS'] [--proxy-args 'ARGS']";

  /** Validates every setting. */
  public SideBySideOptions {
    positive("rows", rows);
    positive("clients", clients);
    positive("queries", queries);
    positive("fetch-size", fetchSize);
    positive("rounds", rounds);
    if (warmQueries < 0) {
      throw new IllegalArgumentException("warm queries: " + warmQueries + " (expected: >= 0)");
    }
    if (!pgUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("--pg-url: " + pgUrl + " (expected: a jdbc:postgresql: URL)");
    }
    if (!proxyHeap.matches("\\d+[kKmMgG]?")) {
      throw new IllegalArgumentException("--proxy-heap: " + proxyHeap + " (expected: a size such as 512m)");
    }
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException("--" + name + ": " + value + " (expected: >= 1)");
    }
  }

  /** Parses {@code args}; unknown names and bad numbers fail with the usage line. */
  public static SideBySideOptions parse(String... args) {
    int rows = 1_000_000;
    long queries = 2_500;
    long warmQueries = -1;
    int rounds = 3;
    int fetchSize = 5_000;
    Path out = Path.of("integration-tests", "target", "side-by-side.json");
    String pgUrl = "jdbc:postgresql://127.0.0.1:5432/test";
    String pgUser = "postgres";
    String proxyHeap = "512m";
    String proxyJavaOptions = "";
    String proxyServeArguments = "";
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + ": missing value (usage: " + USAGE + ")");
      }
      String value = args[++i];
      switch (name) {
        case "--rows" -> rows = (int) number(name, value);
        case "--queries" -> queries = number(name, value);
        case "--warm-queries" -> warmQueries = number(name, value);
        case "--rounds" -> rounds = (int) number(name, value);
        case "--fetch-size" -> fetchSize = (int) number(name, value);
        case "--out" -> out = Path.of(value);
        case "--pg-url" -> pgUrl = value;
        case "--pg-user" -> pgUser = value;
        case "--proxy-heap" -> proxyHeap = value;
        case "--proxy-java-opts" -> proxyJavaOptions = value;
        case "--proxy-args" -> proxyServeArguments = value;
        default -> throw new IllegalArgumentException(name + ": unknown option (usage: " + USAGE + ")");
      }
    }
    // The proxy runs in a fresh JVM, so its JIT needs at least as many queries to warm up as are measured.
    return new SideBySideOptions(rows, 8, warmQueries < 0 ? queries : warmQueries, queries, fetchSize, rounds, out, pgUrl, pgUser,
        proxyHeap, proxyJavaOptions, proxyServeArguments);
  }

  private static long number(String name, String value) {
    try {
      long v = Long.parseLong(value.replace("_", "").replace(",", ""));
      if (v > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: a whole number up to "
          + Integer.MAX_VALUE + ")", e);
    }
  }

  /** The settings as JSON-ready values. */
  Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    m.put("clients", clients);
    m.put("warmQueriesPerClient", warmQueries);
    m.put("queriesPerClient", queries);
    m.put("fetchSize", fetchSize);
    m.put("rounds", rounds);
    m.put("postgres", pgUrl);
    m.put("proxyHeap", proxyHeap);
    m.put("proxyArgs", proxyServeArguments);
    m.put("command", String.format(Locale.ROOT, "integration-tests/bench.sh side-by-side --rows %d --queries %d"
        + " --warm-queries %d --rounds %d --fetch-size %d --proxy-heap %s%s", rows, queries, warmQueries, rounds,
        fetchSize, proxyHeap, proxyServeArguments.isBlank() ? "" : " --proxy-args '" + proxyServeArguments + "'"));
    return m;
  }
}
