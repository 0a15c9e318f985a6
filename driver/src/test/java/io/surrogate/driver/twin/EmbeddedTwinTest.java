package io.surrogate.driver.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One embedded PostgreSQL 17 twin for the class, under a home the server user can traverse: where it listens,
 * whom it runs as, and everything the client role is refused, with PostgreSQL's own SQLSTATEs.
 */
class EmbeddedTwinTest {
  private static final String SECRET = "twin-test-secret-" + UUID.randomUUID();
  private static final String DB = "twin_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static TwinConfig config;
  private static EmbeddedTwin twin;

  @BeforeAll
  static void start() throws SQLException {
    config = TwinConfig.builder(Path.of("target", "twin-home"))
        .name("t" + UUID.randomUUID().toString().substring(0, 8)).build();
    twin = EmbeddedTwin.start(config);
    System.out.println("embedded twin " + twin.version() + " start took "
        + twin.startDuration().toMillis() + " ms");
    twin.createDatabase(DB);
    try (Connection c = twin.admin(DB).connect(); Statement s = c.createStatement()) {
      // What the materializer will do for real: live tables; the mapping's password must stay the admin's.
      s.execute("CREATE EXTENSION postgres_fdw");
      s.execute("CREATE SERVER source FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', dbname 'app')");
      s.execute("CREATE USER MAPPING FOR " + EmbeddedTwin.ADMIN_ROLE + " SERVER source OPTIONS (user 'app', password '"
          + SECRET + "')");
      s.execute("CREATE TABLE patients (id int PRIMARY KEY, name text)");
      s.execute("INSERT INTO patients VALUES (1, 'synthetic')");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (twin != null) {
      twin.dropDatabase(DB);
      twin.close();
      EmbeddedBinaries.deleteTree(config.home().resolve("twin").resolve(config.name()));
    }
  }

  @Test
  void listensOnLoopbackOnlyNeverOn5432() throws Exception {
    assertNotEquals(5432, twin.port());
    assertEquals("127.0.0.1", adminQuery("SHOW listen_addresses").get(0));
    assertEquals("17", adminQuery("SELECT current_setting('server_version_num')::int / 10000").get(0));
    Path socket = twin.socketDirectory().orElseThrow();
    assertEquals(socket.toString(), adminQuery("SHOW unix_socket_directories").get(0));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
  }

  @Test
  void serverRunsAsAnUnprivilegedUserWhenTheJvmIsRoot() throws Exception {
    String pid = Files.readAllLines(twin.dataDirectory().resolve("postmaster.pid")).get(0).trim();
    String uidLine = Files.readAllLines(Path.of("/proc", pid, "status")).stream()
        .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
    int serverUid = Integer.parseInt(uidLine.split("\\s+")[1]);
    int jvmUid = EmbeddedUser.currentUid();
    if (jvmUid == 0) {
      assertNotEquals(0, serverUid, uidLine);
      assertEquals(serverUid, Files.getAttribute(twin.dataDirectory(), "unix:uid"));
    } else {
      assertEquals(jvmUid, serverUid, uidLine);
    }
    // The data stays in the home when the server's user can reach it there, else it moves to the temp directory
    // (a checkout under a 0700 directory, as mktemp -d makes, is not reachable for nobody).
    Path cluster = config.home().toAbsolutePath().resolve("twin").resolve(config.name());
    boolean reachable = EmbeddedUser.resolve(config.serverUser()).canTraverse(cluster);
    Path expectedBase = reachable ? config.home().toAbsolutePath()
        : Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    assertTrue(twin.dataDirectory().toAbsolutePath().startsWith(expectedBase),
        (reachable ? "a reachable home keeps the data: " : "an unreachable home moves the data to the temp directory: ")
            + twin.dataDirectory());
  }

  @Test
  void credentialsAreReadableByTheJvmUserOnly() throws Exception {
    Path file = config.home().resolve("twin").resolve(config.name()).resolve("credentials.properties");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertFalse(twin.admin(DB).toString().contains(twin.admin(DB).password()));
  }

  @Test
  void adminHasPostgresFdw() throws SQLException {
    assertEquals(List.of("postgres_fdw"), adminQuery("SELECT extname FROM pg_extension WHERE extname = 'postgres_fdw'"));
  }

  @Test
  void clientReadsWhatTheAdminCreatesButCannotWrite() throws SQLException {
    assertEquals(List.of("synthetic"), clientQuery("SELECT name FROM patients"));
    assertRefused("INSERT INTO patients VALUES (2, 'x')");
    assertRefused("CREATE TABLE mine (id int)");
  }

  @Test
  void clientRoleHasNoPrivilegedAttributesOrMemberships() throws SQLException {
    assertEquals(List.of("f f f f f"), adminQuery("SELECT concat_ws(' ', rolsuper, rolcreatedb, rolcreaterole,"
        + " rolreplication, rolbypassrls) FROM pg_roles WHERE rolname = '" + EmbeddedTwin.CLIENT_ROLE + "'"));
    assertEquals(List.of("0"), adminQuery("SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member"
        + " WHERE r.rolname = '" + EmbeddedTwin.CLIENT_ROLE + "'"));
    for (String role : List.of("pg_read_server_files", "pg_write_server_files", "pg_execute_server_program")) {
      assertEquals(List.of("f"), adminQuery("SELECT pg_has_role('" + EmbeddedTwin.CLIENT_ROLE + "', '" + role
          + "', 'USAGE')"), role);
    }
    assertEquals(List.of("f"), adminQuery("SELECT has_foreign_data_wrapper_privilege('" + EmbeddedTwin.CLIENT_ROLE
        + "', 'postgres_fdw', 'USAGE')"));
    assertEquals(List.of("f"), adminQuery("SELECT has_server_privilege('" + EmbeddedTwin.CLIENT_ROLE
        + "', 'source', 'USAGE')"));
  }

  @Test
  void dangerousFunctionsAreNotExecutableByTheClient() throws SQLException {
    // Checked one by one rather than assumed: PostgreSQL grants none of them to PUBLIC, so nothing is revoked.
    List<String> functions = List.of("pg_read_file(text)", "pg_read_file(text, bigint, bigint)",
        "pg_read_binary_file(text)", "pg_ls_dir(text)", "pg_stat_file(text)", "lo_import(text)",
        "lo_import(text, oid)", "lo_export(oid, text)", "pg_reload_conf()", "pg_rotate_logfile()",
        "pg_ls_logdir()", "pg_ls_waldir()", "pg_current_logfile()", "pg_promote(boolean, integer)",
        "pg_terminate_backend(integer, bigint)");
    for (String f : functions) {
      boolean executable = f.startsWith("pg_terminate_backend");
      assertEquals(List.of(executable ? "t" : "f"), clientQuery("SELECT has_function_privilege('"
          + EmbeddedTwin.CLIENT_ROLE + "', '" + f + "', 'EXECUTE')"), f);
    }
  }

  @Test
  void clientIsRefusedFilesProgramsAndForeignAccess() throws SQLException {
    assertRefused("SELECT pg_read_file('/etc/passwd')");
    assertRefused("COPY (SELECT 1) TO PROGRAM 'id'");
    assertRefused("SELECT lo_import('/etc/passwd')");
    assertRefused("SELECT lo_export(0, '/tmp/twin-test-out')");
    assertRefused("COPY patients FROM '/etc/passwd'");
    assertRefused("CREATE EXTENSION dblink");
    assertRefused("CREATE EXTENSION file_fdw");
    // postgres_fdw is installed in the twin database (by the admin), so try it where it is not.
    SQLException fdw = assertThrows(SQLException.class, () -> query(twin.client("postgres"), "CREATE EXTENSION postgres_fdw"));
    assertEquals("42501", fdw.getSQLState(), fdw.getMessage());
    assertRefused("CREATE EXTENSION pgcrypto");
    assertRefused("CREATE SERVER mine FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1')");
    assertRefused("CREATE FOREIGN TABLE ft (id int) SERVER source");
    assertRefused("CREATE USER MAPPING FOR " + EmbeddedTwin.CLIENT_ROLE + " SERVER source");
    assertRefused("SET ROLE " + EmbeddedTwin.ADMIN_ROLE);
    assertRefused("ALTER ROLE " + EmbeddedTwin.CLIENT_ROLE + " SUPERUSER");
    assertRefused("CREATE DATABASE twin_test_client_db");
    assertRefused("CREATE ROLE twin_test_client_role");
  }

  @Test
  void clientSeesNoSourceCredentials() throws SQLException {
    assertRefused("SELECT * FROM pg_authid");
    assertRefused("SELECT * FROM pg_user_mapping");
    assertRefused("SELECT * FROM pg_shadow");
    List<String> options = clientQuery("SELECT coalesce(array_to_string(umoptions, ','), '<null>') FROM pg_user_mappings");
    assertEquals(List.of("<null>"), options);
    // The row the client sees masked does hold the password: the check above could fail.
    assertTrue(adminQuery("SELECT array_to_string(umoptions, ',') FROM pg_user_mappings").get(0).contains(SECRET));
    assertEquals(List.of("********"), clientQuery("SELECT rolpassword FROM pg_roles WHERE rolname = '"
        + EmbeddedTwin.ADMIN_ROLE + "'"));
  }

  @Test
  void aSecondStartOfTheSameTwinIsRefused() {
    SQLException e = assertThrows(SQLException.class, () -> EmbeddedTwin.start(config));
    assertEquals("55006", e.getSQLState());
    assertTrue(e.getMessage().contains(twin.dataDirectory().toString()), e.getMessage());
    assertTrue(twin.isRunning());
  }

  private static void assertRefused(String sql) {
    SQLException e = assertThrows(SQLException.class, () -> clientQuery(sql), sql);
    assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
  }

  private static List<String> adminQuery(String sql) throws SQLException {
    return query(twin.admin(DB), sql);
  }

  private static List<String> clientQuery(String sql) throws SQLException {
    return query(twin.client(DB), sql);
  }

  private static List<String> query(TwinLogin login, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = login.connect(); Statement s = c.createStatement()) {
      if (s.execute(sql)) {
        try (ResultSet rs = s.getResultSet()) {
          while (rs.next()) {
            rows.add(rs.getString(1));
          }
        }
      }
    }
    return rows;
  }
}
