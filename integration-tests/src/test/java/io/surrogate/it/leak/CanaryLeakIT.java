package io.surrogate.it.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs many query shapes through {@code jdbc:surrogate:} over a source salted with canaries and checks that no
 * canary reaches a result, an error message, a plan, metadata or the log.
 */
class CanaryLeakIT {
  private static final String SOURCE = "jdbc:h2:mem:leak_it;DB_CLOSE_DELAY=-1";
  static final String POLICY = "tables:\n"
      + "  branches: { mode: real }\n"
      + "  accounts:\n    generator: copula\n    epsilon: 2.0\n    seed: 7\n    columns:\n"
      + "      grade: { domain: [A, B, C, D] }\n      age: { bounds: [18, 80] }\n"
      + "      amount: { bounds: [0, 10000] }\n      opened: { bounds: [2020-01-01, 2022-12-31] }\n"
      + "      email: { pii: email }\n";

  /** What a query shape must do: run (rows checked for canaries), be refused with one of the states, or either. */
  enum Expect { ROWS, REFUSED, EITHER }

  private static final LeakFixture FIXTURE = new LeakFixture(20261123L);
  private static Connection keepAlive;
  private static Connection surrogate;
  private static PrintStream realOut;
  private static PrintStream realErr;
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

  @TempDir
  static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    realOut = System.out;
    realErr = System.err;
    System.setOut(new PrintStream(new Tee(realOut, LOG), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(realErr, LOG), true, StandardCharsets.UTF_8));
    keepAlive = DriverManager.getConnection(SOURCE);
    FIXTURE.create(keepAlive);
    Path policy = dir.resolve("leak.yaml");
    Files.writeString(policy, POLICY, StandardCharsets.UTF_8);
    Properties p = new Properties();
    p.setProperty("policy", policy.toString());
    p.setProperty("catalog", "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath());
    surrogate = DriverManager.getConnection("jdbc:surrogate:" + SOURCE.substring("jdbc:".length()), p);
  }

  @AfterAll
  static void tearDown() throws Exception {
    try {
      if (surrogate != null) {
        surrogate.close();
      }
      keepAlive.close();
    } finally {
      System.setOut(realOut);
      System.setErr(realErr);
    }
    assertNoCanary("captured log output", LOG.toString(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        // plain reads of the sensitive table, every column
        ok("SELECT * FROM accounts"),
        ok("SELECT * FROM accounts WHERE tag LIKE 'CANARY%'"),
        ok("SELECT * FROM accounts WHERE amount = 987654.321"),
        ok("SELECT * FROM accounts WHERE opened = DATE '1901-02-03'"),
        ok("SELECT * FROM accounts WHERE email LIKE 'canary%'"),
        ok("SELECT MIN(amount), MAX(amount), MIN(opened), MAX(opened), MIN(tag), MAX(tag) FROM accounts"),
        ok("SELECT COUNT(DISTINCT tag), COUNT(*), SUM(amount), AVG(amount) FROM accounts"),
        ok("SELECT tag, COUNT(*) FROM accounts GROUP BY tag ORDER BY 2"),
        ok("SELECT UPPER(tag), SUBSTRING(tag, 1, 7), CAST(amount AS VARCHAR), tag || '/' || email FROM accounts"),
        ok("SELECT tag, amount, ROW_NUMBER() OVER (ORDER BY amount DESC), MAX(amount) OVER () FROM accounts"),
        // joins, subqueries, CTEs and set operations between synthetic and real
        ok("SELECT a.tag, a.amount, b.city FROM accounts a JOIN branches b ON a.grade = b.code"),
        ok("SELECT * FROM branches b WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.grade = b.code AND a.tag LIKE 'CANARY%')"),
        ok("SELECT (SELECT MAX(amount) FROM accounts), (SELECT MIN(opened) FROM accounts) FROM branches"),
        ok("SELECT * FROM (SELECT tag, amount FROM accounts ORDER BY amount DESC LIMIT 5) t"),
        ok("WITH x AS (SELECT tag, amount, opened FROM accounts) SELECT * FROM x WHERE amount > 5000"),
        ok("SELECT tag FROM accounts UNION SELECT city FROM branches"),
        ok("SELECT grade FROM accounts INTERSECT SELECT code FROM branches"),
        ok("SELECT code FROM branches EXCEPT SELECT grade FROM accounts"),
        ok("SELECT CAST(amount AS VARCHAR) FROM accounts UNION ALL SELECT city FROM branches"),
        // the source view and a table the policy does not name: synthetic, never passed through
        ok("SELECT * FROM big_accounts"),
        ok("SELECT * FROM big_accounts WHERE tag LIKE 'CANARY%' OR amount = 987654.321"),
        ok("SELECT * FROM notes"),
        ok("SELECT * FROM notes WHERE note LIKE 'NOTE%'"),
        // schema metadata queries
        either("SELECT * FROM information_schema.tables"),
        either("SELECT * FROM INFORMATION_SCHEMA.TABLES"),
        either("SELECT * FROM information_schema.columns"),
        either("SELECT * FROM INFORMATION_SCHEMA.COLUMNS"),
        either("SELECT * FROM information_schema.views"),
        either("SELECT * FROM information_schema.constraints"),
        either("SELECT * FROM information_schema.indexes"),
        // plans
        either("EXPLAIN SELECT * FROM accounts WHERE tag = 'CANARY-7f3a9c21'"),
        either("EXPLAIN PLAN FOR SELECT * FROM accounts WHERE amount = 987654.321"),
        either("EXPLAIN ANALYZE SELECT * FROM accounts"),
        either("EXPLAIN PLAN FOR SELECT a.tag, b.city FROM accounts a JOIN branches b ON a.grade = b.code"),
        // functions that would read the source or the file system directly
        refused("SELECT pg_read_file('/etc/passwd')", "42883", "42501"),
        refused("SELECT query_to_xml('select * from accounts', true, true, '')", "42883", "42501"),
        refused("SELECT * FROM dblink('dbname=test', 'select * from accounts') AS t(a text)", "42883", "42501", "42601"),
        refused("SELECT FILE_READ('/etc/passwd')", "42883", "42501"),
        refused("SELECT * FROM CSVREAD('/etc/passwd')", "42883", "42501"),
        refused("SELECT LINK_SCHEMA('X', '', '" + SOURCE + "', '', '', 'PUBLIC')", "42883", "42501"),
        refused("CALL FILE_READ('/etc/passwd')", "42883", "42501", "42601"),
        refused("CALL CSVWRITE('/tmp/leak-it.csv', 'SELECT * FROM accounts')", "42883", "42501", "42601"),
        refused("SCRIPT TO '/tmp/leak-it.sql'", "42501", "42601"),
        refused("SELECT * FROM accounts FOR UPDATE", "42501", "25006", "0A000", "42601"),
        // writes
        refused("INSERT INTO accounts VALUES (999999, 'A', 30, 'x', 1, DATE '2021-01-01', NULL)", "42501"),
        refused("UPDATE accounts SET tag = 'x' WHERE tag LIKE 'CANARY%'", "42501"),
        refused("DELETE FROM accounts WHERE amount = 987654.321", "42501"),
        refused("MERGE INTO accounts USING branches ON accounts.grade = branches.code"
            + " WHEN MATCHED THEN UPDATE SET tag = branches.city", "42501"),
        refused("TRUNCATE TABLE accounts", "42501"),
        refused("DROP TABLE accounts", "42501"),
        refused("DROP VIEW big_accounts", "42501"),
        refused("DELETE FROM notes", "42501"),
        refused("CREATE TABLE stolen AS SELECT * FROM accounts", "42501", "25006", "0A000"),
        refused("INSERT INTO branches VALUES ('Z', 'Zed')", "42501", "25006"),
        refused("UPDATE branches SET city = 'x'", "42501", "25006"));
  }

  private static Arguments ok(String sql) {
    return Arguments.of(sql, Expect.ROWS, List.of());
  }

  private static Arguments either(String sql) {
    return Arguments.of(sql, Expect.EITHER, List.of());
  }

  private static Arguments refused(String sql, String... states) {
    return Arguments.of(sql, Expect.REFUSED, List.of(states));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("shapes")
  void noCanaryEscapes(String sql, Expect expect, List<String> states) throws Exception {
    String seen;
    try (Statement s = surrogate.createStatement()) {
      boolean hasResult = s.execute(sql);
      seen = hasResult ? dump(s.getResultSet()) : "update count " + s.getUpdateCount();
      if (sql.startsWith("EXPLAIN")) {
        seen = withoutEcho(sql, seen);
      }
      if (expect == Expect.REFUSED) {
        fail("expected refusal " + states + " but it ran: " + abbreviate(seen));
      }
    } catch (SQLException e) {
      seen = withoutEcho(sql, chain(e));
      if (expect == Expect.ROWS) {
        fail("expected rows but refused [" + e.getSQLState() + "]: " + e.getMessage(), e);
      }
      assertNotNull(e.getSQLState(), "refusal carries a SQLSTATE: " + e.getMessage());
      if (expect == Expect.REFUSED) {
        assertTrue(states.contains(e.getSQLState()),
            "SQLSTATE " + e.getSQLState() + " not in " + states + ": " + e.getMessage());
      }
    }
    realOut.printf("leak-case %s -> %s%n", sql, abbreviate(seen.replace('\n', ' ')));
    assertNoCanary(sql, seen);
    assertEquals(1, count(surrogate, "SELECT COUNT(*) FROM branches WHERE code = 'A'"),
        "the connection still answers after: " + sql);
  }

  @Test
  void detectorSeesEveryCanaryInTheRawSource() throws Exception {
    // guards the suite itself: if the canaries were never written, every other check would pass vacuously
    String raw;
    try (Statement s = keepAlive.createStatement()) {
      raw = dump(s.executeQuery("SELECT * FROM accounts"));
    }
    for (String canary : LeakFixture.CANARY_TAGS) {
      assertTrue(raw.contains(canary), canary);
    }
    assertTrue(raw.contains("987654.321") && raw.contains("1901-02-03") && raw.contains("UNLISTED-SECRET"), "canaries");
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> assertNoCanary("raw source", raw));
  }

  @Test
  void realTableReturnsRealRowsAndSyntheticTablesReturnRows() throws Exception {
    try (Statement s = surrogate.createStatement();
        ResultSet rs = s.executeQuery("SELECT city FROM branches ORDER BY code")) {
      List<String> cities = new ArrayList<>();
      while (rs.next()) {
        cities.add(rs.getString(1));
      }
      assertEquals(List.of("Realtown", "Bville", "Ccity", "Dorf"), cities, "the real table is served as is");
    }
    long accounts = count(surrogate, "SELECT COUNT(*) FROM accounts");
    assertTrue(accounts > 1500 && accounts < 2500, "synthetic accounts served about the noisy count: " + accounts);
    assertTrue(count(surrogate, "SELECT COUNT(*) FROM notes") > 0, "the unlisted table is served (synthetic)");
    assertTrue(count(surrogate, "SELECT COUNT(*) FROM big_accounts") > 0, "the view is served (synthetic)");
    assertEquals(0, count(surrogate, "SELECT COUNT(*) FROM accounts WHERE amount = 987654.321"),
        "the probe matches no real row");
  }

  @Test
  void syntheticRowsAreNotRealRows() throws Exception {
    // the view and the unlisted table must not be passed through: compare with the source's own rows
    Set<String> realNotes = set(keepAlive, "SELECT id || ':' || note FROM notes");
    Set<String> servedNotes = set(surrogate, "SELECT id || ':' || note FROM notes");
    assertFalse(realNotes.equals(servedNotes), "unlisted table passed through unchanged");
    Set<String> realView = set(keepAlive, "SELECT tag || ':' || amount FROM big_accounts");
    Set<String> servedView = set(surrogate, "SELECT tag || ':' || amount FROM big_accounts");
    int served = servedView.size();
    servedView.retainAll(realView);
    realOut.printf("view: %d distinct served rows, %d equal a real (tag, amount) row%n", served, servedView.size());
    // amount has 10^7 possible values per tag, so a chance collision or two is expected; copying would be hundreds
    assertTrue(served > 0 && servedView.size() <= Math.max(3, served / 100),
        "view rows equal real rows: " + abbreviate(servedView.toString()));
  }

  @Test
  void membershipOverlapIsNotAboveHoldoutBaseline() throws Exception {
    Set<String> real = new HashSet<>();
    FIXTURE.train.forEach(r -> real.add(r.grade() + "|" + r.age() + "|" + r.tag()));
    Set<String> holdout = new HashSet<>();
    FIXTURE.holdout.forEach(r -> holdout.add(r.grade() + "|" + r.age() + "|" + r.tag()));
    int inReal = 0;
    int inHoldout = 0;
    int n = 0;
    try (Statement s = surrogate.createStatement(); ResultSet rs = s.executeQuery("SELECT grade, age, tag FROM accounts")) {
      while (rs.next()) {
        String key = rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3);
        n++;
        inReal += real.contains(key) ? 1 : 0;
        inHoldout += holdout.contains(key) ? 1 : 0;
      }
    }
    realOut.printf("membership: %d synthetic rows, %d match a training tuple, %d match a holdout tuple%n", n, inReal,
        inHoldout);
    assertTrue(n > 0, "synthetic rows served");
    double slack = 3 * Math.sqrt(Math.max(inHoldout, 1)) + 0.02 * n;
    assertTrue(inReal <= inHoldout + slack, "training overlap " + inReal + " above holdout baseline " + inHoldout);
    // exact full-row copies (all non-key, non-PII columns) must be absent
    Set<String> full = set(keepAlive, "SELECT grade || '|' || age || '|' || tag || '|' || amount || '|' || opened FROM accounts");
    Set<String> served = set(surrogate, "SELECT grade || '|' || age || '|' || tag || '|' || amount || '|' || opened FROM accounts");
    served.retainAll(full);
    assertTrue(served.isEmpty(), "real rows copied: " + abbreviate(served.toString()));
  }

  @Test
  void databaseMetaDataCarriesNoCanary() throws Exception {
    DatabaseMetaData md = surrogate.getMetaData();
    StringBuilder all = new StringBuilder();
    all.append(dump(md.getTables(null, null, "%", null)));
    all.append(dump(md.getColumns(null, null, "%", "%")));
    all.append(dump(md.getPrimaryKeys(null, null, "ACCOUNTS")));
    all.append(dump(md.getIndexInfo(null, null, "ACCOUNTS", false, true)));
    all.append(dump(md.getImportedKeys(null, null, "ACCOUNTS")));
    all.append(md.getURL()).append(md.getUserName());
    assertNoCanary("DatabaseMetaData", all.toString());
    assertTrue(all.indexOf("ACCOUNTS") >= 0 || all.indexOf("accounts") >= 0, "metadata lists the table");
  }

  private static Set<String> set(Connection c, String sql) throws SQLException {
    Set<String> out = new HashSet<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  static String dump(ResultSet rs) throws SQLException {
    StringBuilder b = new StringBuilder();
    try (rs) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        b.append(md.getColumnLabel(i)).append('\t');
      }
      while (rs.next()) {
        b.append('\n');
        for (int i = 1; i <= md.getColumnCount(); i++) {
          b.append(rs.getString(i)).append('\t');
        }
      }
    }
    return b.toString();
  }

  /** Removes literals the query itself typed: a plan or an error may echo the user's own SQL, which is no leak. */
  static String withoutEcho(String sql, String text) {
    String out = text;
    for (String literal : sql.split("'")) {
      for (String token : literal.split("[\\s=()<>,]+")) {
        if (token.length() >= 6 && LeakFixture.CANARIES.stream().anyMatch(token::contains)) {
          out = out.replace(token, "<echo>");
        }
      }
    }
    return out;
  }

  static String chain(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t).append('\n');
      if (t instanceof SQLException s && s.getNextException() != null) {
        b.append(chain(s.getNextException()));
      }
    }
    return b.toString();
  }

  static void assertNoCanary(String where, String text) {
    for (String canary : LeakFixture.CANARIES) {
      int at = text.indexOf(canary);
      if (at >= 0) {
        fail("LEAK of '" + canary + "' in " + where + ": ..."
            + text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80)) + "...");
      }
    }
  }

  static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  /** Copies everything written to a stream into a second buffer, so the test can read the log afterwards. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
