package io.surrogate.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.surrogate.it.TestProxies;
import io.surrogate.proxy.ProxyServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pgbench's select-only script through the proxy in each query mode. Its statements end in {@code ;}, which the
 * extended protocol (-M extended, -M prepared) must accept in Parse as PostgreSQL does. The pgbench tables are
 * initialised directly on the local PostgreSQL, in a schema of their own, and served {@code mode: real}.
 */
class PgbenchIT {
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String PGBENCH = "/usr/bin/pgbench";
  private static final int TRANSACTIONS = 50;
  private static final String SCHEMA = "pgbench_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  @TempDir
  static Path dir;
  private static ProxyServer server;
  private static boolean created;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(ClientProcess.available(PGBENCH, "--version"),
        "pgbench not installed or not runnable: " + PGBENCH + " (Debian: postgresql-contrib)");
    try (Connection admin = TestProxies.postgresWithSchema(POSTGRES, props(), SCHEMA)) {
      created = true;
    }
    ClientProcess init = pgbench(5432, List.of("-i", "-s", "1", "-I", "dtGp", "-q"));
    assertEquals(0, init.exitCode(), "pgbench -i on PostgreSQL: " + init.stderr());
    server = TestProxies.start(POSTGRES + "?currentSchema=" + SCHEMA, "postgres", """
        default: synthetic
        tables:
          pgbench_accounts: { mode: real }
          pgbench_branches: { mode: real }
          pgbench_tellers: { mode: real }
          pgbench_history: { mode: real }
        """, dir);
    // The first session starts the engine (source scan, catalog); do it here, not under pgbench's connect timeout.
    try (Connection warm = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/test",
        props()); Statement s = warm.createStatement()) {
      s.executeQuery("SELECT count(*) FROM pgbench_branches").close();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (created) {
      try (Connection admin = DriverManager.getConnection(POSTGRES, props()); Statement s = admin.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"simple", "extended", "prepared"})
  void selectOnlyRunsInEachQueryMode(String mode) throws Exception {
    ClientProcess run = pgbench(server.port(), List.of("-n", "-S", "-M", mode, "-t", Integer.toString(TRANSACTIONS)));
    String output = run.stdout() + run.stderr();
    assertEquals(0, run.exitCode(), "pgbench -M " + mode + ":\n" + output);
    assertTrue(output.contains("number of transactions actually processed: " + TRANSACTIONS + "/" + TRANSACTIONS),
        "pgbench -M " + mode + ":\n" + output);
    assertTrue(output.toLowerCase(Locale.ROOT).contains("query mode: " + mode), output);
  }

  private static ClientProcess pgbench(int port, List<String> arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(PGBENCH, "-h", "127.0.0.1", "-p",
        Integer.toString(port), "-U", "postgres"));
    command.addAll(arguments);
    command.add("test");
    // pgbench -i creates its tables in the first schema of the search path; the proxy's source URL names it too.
    return ClientProcess.run(command, Map.of("PGOPTIONS", "-c search_path=" + SCHEMA, "PGCONNECT_TIMEOUT", "120"),
        null, 300);
  }

  private static Properties props() {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    return p;
  }
}
