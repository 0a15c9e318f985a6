package io.surrogate.driver.twin;

import io.surrogate.catalog.SqlState;
import io.surrogate.driver.internal.DriverConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running synthetic twin, what the proxy relays to and {@code jdbc:surrogate:postgresql:} connects to: an embedded PostgreSQL of the source's major version (the newest shipped
 * for a source that is not PostgreSQL) under Surrogate's home, holding a database named like the source's with the source's schema, synthetic rows in sensitive tables
 * and real rows in public ones, built when it starts; clients log in to it as the client role, which reads every
 * schema, runs the source's functions with its own rights, and finds the served schema first on its search_path.
 */
public final class RunningTwin implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningTwin.class);
  private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]{0,39}");
  private static final String USER_SCHEMAS = "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
      + " AND nspname <> 'information_schema' ORDER BY 1";

  private final TwinServer twin;
  private final String name;
  private final DriverConfig source;
  private final String schema;
  /** The generation new sessions log in to, and what its build wrote; replaced together on a rebuild. */
  private volatile Generation current;
  /** Earlier generations sessions may still read; each is dropped once no session is left on it. */
  private final List<String> retired = new ArrayList<>();
  private int generations = 1;
  private final Sandboxes sandboxes;
  private final String sandboxPassword;

  /** The most sandboxes, named and ephemeral, one twin keeps at once. */
  public static final int SANDBOX_CAP = 20;

  /** One built twin database and its report. */
  private record Generation(String database, TwinReport report) {
  }

  private RunningTwin(TwinServer twin, String name, DriverConfig source, String schema, TwinReport report,
      String sandboxPassword) {
    this.twin = twin;
    this.name = name;
    this.source = source;
    this.schema = schema;
    this.current = new Generation(name, report);
    this.sandboxPassword = sandboxPassword;
    this.sandboxes = new Sandboxes(twin, name.length() > 30 ? name.substring(0, 30) : name, SANDBOX_CAP);
  }

  /**
   * Starts the embedded twin of the source at {@code sourceUrl} under {@code home} and builds its database.
   *
   * @param props the {@code jdbc:surrogate:} properties of the source (user, password, policy, catalog, ...)
   * @param prefix prefix of the cluster's name, so that two users of one home (a server and an application's
   *     driver) never share a data directory
   * @throws SQLException with the SQLSTATE of what failed: reaching the source, starting PostgreSQL, a policy
   *     entry, a constraint the synthetic rows break
   */
  public static RunningTwin start(String sourceUrl, Properties props, Path home, String prefix) throws SQLException {
    int major = sourceUrl.startsWith("jdbc:postgresql:") ? sourceMajor(sourceUrl, props) : TwinConfig.DEFAULT_MAJOR;
    String database = twinDatabase(sourceUrl, props);
    int served = servedMajor(major);
    // One cluster per source database, so that two servers of different sources can share a home.
    String name = (prefix + "pg" + served + "-" + database.replace('_', '-'));
    TwinConfig twinConfig = TwinConfig.builder(home).name(name.length() > 32 ? name.substring(0, 32) : name)
        .majorVersion(served).build();
    EmbeddedTwin embedded = EmbeddedTwin.start(twinConfig);
    RunningTwin running = on(embedded, sourceUrl, props, database);
    SandboxAdmin.announce(home.resolve("twin").resolve(twinConfig.name()), embedded.port(), database);
    return running;
  }

  /**
   * Builds the twin of the source at {@code sourceUrl} on a PostgreSQL server the user provides: {@code twinUrl}
   * names the server, the twin database and the role that builds it ({@code ?user=...&password=...}).
   *
   * @throws SQLException 22023 for a malformed URL, 42501 when its role may not create databases and roles, else
   *     as {@link #start}
   */
  public static RunningTwin onServer(String twinUrl, String sourceUrl, Properties props) throws SQLException {
    PgEndpoint endpoint = ProvidedServer.endpoint(twinUrl);
    return on(ProvidedServer.open(endpoint), sourceUrl, props, endpoint.database());
  }

  private static RunningTwin on(TwinServer twin, String sourceUrl, Properties props, String database)
      throws SQLException {
    try {
      DriverConfig source = DriverConfig.parse("jdbc:surrogate:" + sourceUrl.substring("jdbc:".length()), props);
      String schema = props.getProperty("schema");
      String sandboxPassword = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(24));
      try (Connection c = twin.admin("postgres").connect()) {
        TwinRoles.ensureSandbox(c, sandboxPassword);
      }
      TwinReport report = build(twin, source, schema, database);
      LOG.info("serving from the twin: PostgreSQL {} on {}:{}, database {} ({} synthetic, {} copied rows)",
          twin.version(), twin.host(), twin.port(), database, report.syntheticRows().values().stream()
              .mapToLong(Long::longValue).sum(), report.copiedRows().values().stream().mapToLong(Long::longValue).sum());
      return new RunningTwin(twin, database, source, schema, report, sandboxPassword);
    } catch (SQLException | RuntimeException e) {
      twin.close();
      throw e;
    }
  }

  private static TwinReport build(TwinServer twin, DriverConfig source, String schema, String database)
      throws SQLException {
    TwinLogin admin = twin.admin("postgres");
    TwinReport report = new TwinBuilder(null, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())))
        .build(source, new TwinTarget(admin.url(), admin.user(), admin.password(), database));
    try (Connection c = twin.admin(database).connect()) {
      grantClient(c);
      withoutDefinerRights(c);
      servedSchemaFirst(c, database, schema);
    }
    Sandboxes.makeTemplate(twin, database);
    return report;
  }

  /**
   * Rebuilds the twin when a sensitive table's model changed since the current generation was built (a new
   * training, or a train: auto table trained for the first time): the new generation is a database of its own,
   * new sessions log in to it once it is complete, and sessions on the old one keep reading it, whole, until they
   * end; then it is dropped. So readers see the old or the new version of every table together, never a mix.
   *
   * @return whether a new generation was built
   */
  public synchronized boolean refresh() throws SQLException {
    sandboxes.sweep(java.time.Instant.now().getEpochSecond());
    dropIdleGenerations();
    Generation now = current;
    Map<String, Integer> versions = TwinBuilder.currentVersions(source, now.report().modelVersions().keySet());
    if (versions.equals(now.report().modelVersions())) {
      return false;
    }
    String next = name + "_g" + (++generations);
    TwinReport report = build(twin, source, schema, next);
    LOG.info("twin rebuilt for retrained models {}: sessions now start on {}", versions, next);
    current = new Generation(next, report);
    retired.add(now.database());
    dropIdleGenerations();
    return true;
  }

  private void dropIdleGenerations() {
    for (java.util.Iterator<String> it = retired.iterator(); it.hasNext(); ) {
      String db = it.next();
      try (Connection c = twin.admin("postgres").connect(); Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '"
            + db.replace("'", "''") + "'")) {
          rs.next();
          if (rs.getLong(1) > 0) {
            continue;
          }
        }
        s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(db));
        Sandboxes.dropTemplate(twin, db);
        it.remove();
      } catch (SQLException e) {
        // a session connected between the count and the drop: it keeps its generation until the next refresh
        LOG.debug("generation {} not dropped yet: {}", db, e.getMessage());
      }
    }
  }

  /** The earlier generations not dropped yet (sessions still read them). */
  public synchronized List<String> retiredGenerations() {
    return List.copyOf(retired);
  }

  /**
   * The login of named sandbox {@code name} (lower-case letters, digits and _), made from the current generation
   * if it does not exist: a writable database of the sandbox role with the twin's content.
   *
   * @throws SQLException 3D000 for a bad name, 53400 past {@link #SANDBOX_CAP}
   */
  public TwinLogin sandbox(String name) throws SQLException {
    String db = sandboxes.database(name);
    sandboxes.ensure(db, current.database(), schema);
    return sandboxLogin(db);
  }

  /** A new ephemeral sandbox: the caller drops it ({@link #dropSandboxDatabase}) when its connection ends. */
  public TwinLogin ephemeralSandbox() throws SQLException {
    String db = sandboxes.ephemeral();
    sandboxes.ensure(db, current.database(), schema);
    return sandboxLogin(db);
  }

  /** Returns named sandbox {@code name} to the current generation's content, ending its sessions. */
  public void resetSandbox(String name) throws SQLException {
    String db = sandboxes.database(name);
    sandboxes.drop(db);
    sandboxes.ensure(db, current.database(), schema);
  }

  /** Drops named sandbox {@code name}, ending its sessions. */
  public void dropSandbox(String name) throws SQLException {
    sandboxes.drop(sandboxes.database(name));
  }

  /** Drops a sandbox by its database name (an ephemeral one whose connection ended). */
  public void dropSandboxDatabase(String database) throws SQLException {
    sandboxes.drop(database);
  }

  /** The sandbox databases that exist now. */
  public List<String> sandboxDatabases() throws SQLException {
    return sandboxes.list();
  }

  private TwinLogin sandboxLogin(String database) {
    TwinLogin client = twin.client(database);
    return new TwinLogin(client.url(), TwinRoles.SANDBOX_ROLE, sandboxPassword);
  }

  /** The client role's login on the current generation. */
  public TwinLogin client() {
    return twin.client(current.database());
  }

  /** Whether its PostgreSQL still runs. */
  public boolean isRunning() {
    return twin.isRunning();
  }

  /** The host the twin listens on. */
  public String host() {
    return twin.host();
  }

  /** The port the twin listens on. */
  public int port() {
    return twin.port();
  }

  /** The database new sessions log in to: the current generation. */
  public String database() {
    return current.database();
  }

  /** The full PostgreSQL version of the twin, such as {@code 15.19.0}. */
  public String version() {
    return twin.version();
  }

  /** What the build of the current generation put in the twin. */
  public TwinReport report() {
    return current.report();
  }

  @Override
  public void close() throws SQLException {
    twin.close();
  }

  private static int sourceMajor(String url, Properties props) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW server_version_num")) {
      rs.next();
      return Integer.parseInt(rs.getString(1)) / 10000;
    } catch (SQLException e) {
      throw SqlState.CONNECTION_FAILURE.create("twin: cannot read the source's PostgreSQL version: "
          + e.getMessage(), e);
    }
  }

  /** The source's major where binaries of it ship, else the newest shipped (pg_dump reads older servers). */
  private static int servedMajor(int source) throws SQLException {
    try {
      return TwinConfig.builder(Path.of(".")).majorVersion(source).build().majorVersion();
    } catch (SQLException e) {
      LOG.warn("no embedded PostgreSQL {} ships with Surrogate; the twin runs PostgreSQL {}", source,
          TwinConfig.DEFAULT_MAJOR);
      return TwinConfig.DEFAULT_MAJOR;
    }
  }

  /**
   * The source's database name where it is a plain identifier ({@code app} of {@code jdbc:postgresql://db/app},
   * {@code clinic} of {@code jdbc:h2:mem:clinic;...}), else {@code twin}.
   */
  public static String twinDatabase(String url, Properties props) {
    String name;
    if (url.startsWith("jdbc:postgresql:")) {
      Properties parsed = org.postgresql.Driver.parseURL(url, props);
      name = parsed == null ? null : parsed.getProperty("PGDBNAME");
    } else {
      String path = url.split("[;?]", 2)[0];
      name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
    }
    String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
    return DATABASE.matcher(lower).matches() ? lower : "twin";
  }

  /** The client reads every table, view and sequence of every schema the source's dump created. */
  private static void grantClient(Connection admin) throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(USER_SCHEMAS)) {
      while (rs.next()) {
        schemas.add(rs.getString(1));
      }
    }
    for (String schema : schemas) {
      TwinRoles.grantClient(admin, schema);
    }
  }

  /**
   * A source configured with a schema ({@code schema} property) is served with that schema first on the client's
   * search_path, as the engine serves it: unqualified names resolve there, and a client's SET still wins.
   */
  private static void servedSchemaFirst(Connection admin, String database, String schema) throws SQLException {
    try (Statement s = admin.createStatement()) {
      String path = schema == null || schema.isBlank() ? "DEFAULT"
          : "\"" + schema.replace("\"", "\"\"") + "\", public";
      s.execute("ALTER ROLE " + EmbeddedTwin.CLIENT_ROLE + " IN DATABASE \"" + database + "\" SET search_path = "
          + path);
    }
  }

  /**
   * The twin's objects belong to its superuser, so a SECURITY DEFINER function of the source would run with
   * superuser rights for any client: such functions run with the caller's rights instead.
   */
  private static void withoutDefinerRights(Connection admin) throws SQLException {
    List<String> functions = new ArrayList<>();
    try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE p.prosecdef AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'")) {
      while (rs.next()) {
        functions.add(rs.getString(1));
      }
    }
    try (Statement s = admin.createStatement()) {
      for (String f : functions) {
        LOG.warn("twin: {} is SECURITY DEFINER in the source; in the twin it runs with the caller's rights", f);
        s.execute("ALTER ROUTINE " + f + " SECURITY INVOKER");
      }
    }
  }
}
