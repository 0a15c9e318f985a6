package io.surrogate.driver.twin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sandbox management from another process ({@code surrogate sandbox}): it reaches the twin a running server built,
 * as the admin, through the server's announcement next to the twin's credentials ({@code serving.properties}, mode
 * 0600: port and database) or through the {@code twin:} URL of a provided server.
 */
public final class SandboxAdmin {
  private static final String FILE = "serving.properties";

  private final TwinServer server;
  private final String database;
  private final Sandboxes sandboxes;

  private SandboxAdmin(TwinServer server, String database) {
    this.server = server;
    this.database = database;
    this.sandboxes = new Sandboxes(server, database.length() > 30 ? database.substring(0, 30) : database,
        RunningTwin.SANDBOX_CAP);
  }

  /** Writes where the twin of {@code database} listens, for {@link #embedded}; the file is the owner's only. */
  static void announce(Path clusterHome, int port, String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("port", Integer.toString(port));
    p.setProperty("database", database);
    try {
      Path tmp = Files.createTempFile(clusterHome, "serving", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (OutputStream out = Files.newOutputStream(tmp)) {
        p.store(out, "the twin a running Surrogate serves; read by surrogate sandbox");
      }
      Files.move(tmp, clusterHome.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw TwinErrors.create(TwinErrors.SYSTEM_ERROR, "cannot write " + clusterHome.resolve(FILE) + ": " + e);
    }
  }

  /**
   * The embedded twin of {@code database} that a server under {@code home} runs; 55000 when none is running.
   */
  public static SandboxAdmin embedded(Path home, String database) throws SQLException {
    Path twins = home.resolve("twin");
    if (Files.isDirectory(twins)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(twins)) {
        for (Path dir : dirs) {
          Path file = dir.resolve(FILE);
          if (dir.getFileName().toString().startsWith("jdbc-") || !Files.isRegularFile(file)) {
            continue;
          }
          Properties p = load(file);
          if (database.equals(p.getProperty("database"))) {
            String admin = load(dir.resolve("credentials.properties")).getProperty("admin.password");
            TwinServer server = new Announced(Integer.parseInt(p.getProperty("port")), admin);
            try (Connection c = server.admin("postgres").connect()) {
              c.isValid(5);
            } catch (SQLException e) {
              break;
            }
            return new SandboxAdmin(server, database);
          }
        }
      } catch (IOException e) {
        throw TwinErrors.create(TwinErrors.SYSTEM_ERROR, "cannot read " + twins + ": " + e);
      }
    }
    throw TwinErrors.create(TwinErrors.OBJECT_NOT_READY, "no running twin of database " + database + " under " + home
        + " (expected: surrogate serve running for this source)");
  }

  /** The twin on the provided server {@code twinUrl} names. */
  public static SandboxAdmin provided(String twinUrl) throws SQLException {
    PgEndpoint endpoint = ProvidedServer.endpoint(twinUrl);
    return new SandboxAdmin(new Announced(endpoint), endpoint.database());
  }

  /**
   * Creates named sandbox {@code name} (unless it exists), dropped after {@code ttl} when not null, with
   * {@code schema} (null: none) first on its search_path.
   */
  public String create(String name, Duration ttl, String schema) throws SQLException {
    String db = sandboxes.database(name);
    sandboxes.ensure(db, currentGeneration(), schema);
    if (ttl != null) {
      sandboxes.expireAt(db, Instant.now().plus(ttl).getEpochSecond());
    }
    return db;
  }

  /** Returns named sandbox {@code name} to the current generation's content. */
  public void reset(String name, String schema) throws SQLException {
    String db = sandboxes.database(name);
    sandboxes.drop(db);
    sandboxes.ensure(db, currentGeneration(), schema);
  }

  public void drop(String name) throws SQLException {
    sandboxes.drop(sandboxes.database(name));
  }

  /** Existing sandboxes: database name and, where set, when it expires. */
  public List<String[]> list() throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (Connection c = server.admin("postgres").connect(); Statement s = c.createStatement()) {
      for (String db : sandboxes.list()) {
        try (ResultSet rs = s.executeQuery("SELECT shobj_description(oid, 'pg_database') FROM pg_database"
            + " WHERE datname = '" + db.replace("'", "''") + "'")) {
          String comment = rs.next() ? rs.getString(1) : null;
          String expires = comment != null && comment.startsWith("surrogate sandbox; expires ")
              ? Instant.ofEpochSecond(Long.parseLong(comment.substring(27))).toString() : "";
          out.add(new String[] {db, expires});
        }
      }
    }
    return out;
  }

  /** The newest generation with a template: {@code <database>} or {@code <database>_g<N>}. */
  private String currentGeneration() throws SQLException {
    Pattern p = Pattern.compile(Pattern.quote(database) + "(?:_g(\\d+))?_tpl");
    String best = null;
    int bestN = -1;
    try (Connection c = server.admin("postgres").connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT datname FROM pg_database")) {
      while (rs.next()) {
        Matcher m = p.matcher(rs.getString(1));
        if (m.matches()) {
          int n = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
          if (n > bestN) {
            bestN = n;
            best = n == 1 ? database : database + "_g" + n;
          }
        }
      }
    }
    if (best == null) {
      throw TwinErrors.create(TwinErrors.OBJECT_NOT_READY, "the twin of " + database + " has no template yet"
          + " (expected: a twin built by this version of Surrogate)");
    }
    return best;
  }

  private static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    return p;
  }

  /** The admin's way in to a twin server another process runs. */
  private static final class Announced implements TwinServer {
    private final PgEndpoint endpoint;

    Announced(int port, String adminPassword) {
      this(new PgEndpoint("127.0.0.1", port, "postgres", EmbeddedTwin.ADMIN_ROLE, adminPassword));
    }

    Announced(PgEndpoint endpoint) {
      this.endpoint = endpoint;
    }

    @Override
    public TwinLogin admin(String db) {
      return endpoint.withDatabase(db).login();
    }

    @Override
    public TwinLogin client(String db) {
      throw new UnsupportedOperationException("sandbox management logs in as the admin only");
    }

    @Override
    public String host() {
      return endpoint.host();
    }

    @Override
    public int port() {
      return endpoint.port();
    }

    @Override
    public String version() {
      return "";
    }

    @Override
    public boolean isRunning() {
      return true;
    }

    @Override
    public void close() {
    }
  }
}
