package io.surrogate.driver.twin;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One PostgreSQL cluster on disk and its server process: initdb once per data directory, start on a loopback
 * port, wait until it accepts connections, stop with a fast shutdown. Every program runs as the
 * {@link EmbeddedUser}; every failure is a 58000 or 08001 naming the path and step, with the log's last lines.
 */
final class EmbeddedCluster {
  /** Longest unix-socket path the kernel takes ({@code sun_path} is 108 bytes with its terminator). */
  private static final int MAX_SOCKET_PATH = 107;
  private static final int LOG_LINES = 20;

  private final EmbeddedLayout layout;
  private final EmbeddedUser user;
  private final Path pgHome;
  private final int major;

  EmbeddedCluster(EmbeddedLayout layout, EmbeddedUser user, Path pgHome, int major) {
    this.layout = layout;
    this.user = user;
    this.pgHome = pgHome;
    this.major = major;
  }

  /**
   * Runs initdb unless the data directory holds a cluster already (of {@link #major}, else 58000). initdb
   * writes into a sibling directory renamed into place when done, so a crash mid-way leaves no half cluster.
   */
  void initIfNeeded(String adminPassword, long deadline) throws SQLException {
    Path version = layout.data().resolve("PG_VERSION");
    try {
      if (Files.exists(version)) {
        String found = Files.readString(version, StandardCharsets.UTF_8).trim();
        if (!found.equals(Integer.toString(major))) {
          throw EmbeddedErrors.system("embedded twin: " + layout.data() + " holds a PostgreSQL " + found
              + " cluster, not " + major + " (name another twin, or delete the directory to re-create it)", null);
        }
        return;
      }
      if (Files.exists(layout.data())) {
        throw EmbeddedErrors.system("embedded twin: " + layout.data() + " exists but holds no cluster (no PG_VERSION);"
            + " delete it to re-create the twin", null);
      }
      Path fresh = layout.cluster().resolve("data.initdb");
      EmbeddedBinaries.deleteTree(fresh);
      Files.createDirectory(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      user.own(fresh);
      Path pwfile = layout.run().resolve("initdb.pw");
      Files.deleteIfExists(pwfile);
      Files.writeString(Files.createFile(pwfile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), adminPassword);
      user.own(pwfile);
      try {
        run("initdb", deadline, List.of("-D", fresh.toString(), "-U", EmbeddedTwin.ADMIN_ROLE, "--pwfile=" + pwfile,
            "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-instructions"));
      } finally {
        Files.deleteIfExists(pwfile);
      }
      Files.move(fresh, layout.data(), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw EmbeddedErrors.system("embedded twin: cannot initialize " + layout.data() + ": " + e, e);
    }
  }

  /** Stops a server a crashed JVM left running on this data directory (the caller holds the twin's lock). */
  void stopLeftover(long deadline) throws SQLException {
    if (Files.exists(layout.data().resolve("postmaster.pid"))
        && exitCode("pg_ctl", deadline, List.of("status", "-D", layout.data().toString())) == 0) {
      stop(null, deadline);
    }
  }

  /** Starts postgres on {@code port} (0: a free one, retried if another process takes it first). */
  Started start(int port, String adminPassword, long deadline) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      int chosen = port != 0 ? port : freePort();
      long logStart = logSize();
      Process process = launch(chosen);
      try {
        awaitReady(process, chosen, adminPassword, deadline, logStart);
        return new Started(process, chosen);
      } catch (SQLException e) {
        destroy(process);
        String tail = logTail(logStart);
        if (port == 0 && attempt < 3 && tail.contains("could not bind")) {
          continue;
        }
        throw e;
      }
    }
  }

  /** A running server and its port. */
  record Started(Process process, int port) {
  }

  /** Fast shutdown through pg_ctl, then waits for {@code process} (if ours) to exit, killing it past the deadline. */
  void stop(Process process, long deadline) throws SQLException {
    int seconds = (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
    try {
      run("pg_ctl", deadline, List.of("stop", "-D", layout.data().toString(), "-m", "fast", "-w", "-t",
          Integer.toString(seconds)));
    } finally {
      if (process != null) {
        try {
          if (!process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          process.destroyForcibly();
        }
      }
    }
  }

  /** The socket directory, or null when its path is too long for a unix socket (the twin then listens on TCP only). */
  Path socketDirectory() {
    int length = layout.run().toString().getBytes(StandardCharsets.UTF_8).length + "/.s.PGSQL.65535".length();
    return length <= MAX_SOCKET_PATH ? layout.run() : null;
  }

  Path dataDirectory() {
    return layout.data();
  }

  Path log() {
    return layout.run().resolve("postgres.log");
  }

  private Process launch(int port) throws SQLException {
    Path socket = socketDirectory();
    List<String> args = List.of("-D", layout.data().toString(), "-p", Integer.toString(port),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=" + (socket == null ? "" : socket.toString()),
        "-c", "unix_socket_permissions=0700");
    ProcessBuilder pb = builder("postgres", args);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    try {
      return pb.start();
    } catch (IOException e) {
      throw EmbeddedErrors.system("embedded twin: cannot run " + pgHome.resolve("bin/postgres") + ": " + e.getMessage(), e);
    }
  }

  /**
   * Polls until the server accepts the admin's login and reports this data directory (so a server that already
   * held the port is never mistaken for ours), failing at once when the process exits.
   */
  private void awaitReady(Process process, int port, String adminPassword, long deadline, long logStart)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", EmbeddedTwin.ADMIN_ROLE);
    props.setProperty("password", adminPassword);
    props.setProperty("connectTimeout", "5");
    props.setProperty("sslmode", "disable");
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw EmbeddedErrors.system(EmbeddedErrors.withLog("embedded twin: postgres on " + layout.data()
            + " exited with status " + process.exitValue() + " while starting", logTail(logStart)), null);
      }
      try (Connection c = DriverManager.getConnection(url, props);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SHOW data_directory")) {
        rs.next();
        if (Path.of(rs.getString(1)).equals(layout.data())) {
          return;
        }
        last = EmbeddedErrors.connection("port " + port + " is served by " + rs.getString(1), null);
      } catch (SQLException e) {
        last = e;
      }
      sleep(25);
    }
    throw EmbeddedErrors.connection(EmbeddedErrors.withLog("embedded twin: postgres on " + layout.data()
        + " did not accept connections on 127.0.0.1:" + port + " in time (" + (last == null ? "no attempt" : last.getMessage())
        + ")", logTail(logStart)), last);
  }

  /** Runs {@code binary}, failing with 58000 and its output unless it exits 0 before the deadline. */
  private void run(String binary, long deadline, List<String> args) throws SQLException {
    Path out = layout.run().resolve(binary + ".out");
    int code = exitCode(binary, deadline, args);
    if (code != 0) {
      throw EmbeddedErrors.system(EmbeddedErrors.withLog("embedded twin: " + binary + " " + String.join(" ", args)
          + (code < 0 ? " did not finish in time" : " failed with status " + code), tail(out, 0)), null);
    }
  }

  private int exitCode(String binary, long deadline, List<String> args) throws SQLException {
    Path out = layout.run().resolve(binary + ".out");
    ProcessBuilder pb = builder(binary, args).redirectErrorStream(true).redirectOutput(out.toFile());
    try {
      Process p = pb.start();
      if (!p.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        destroy(p);
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      throw EmbeddedErrors.system("embedded twin: cannot run " + pgHome.resolve("bin").resolve(binary) + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EmbeddedErrors.system("embedded twin: interrupted running " + binary, e);
    }
  }

  private ProcessBuilder builder(String binary, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(pgHome.resolve("bin").resolve(binary).toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(user.command(command));
    // PG* variables (PGPORT, PGDATA, PGHOST...) would steer pg_ctl and postgres away from this cluster.
    pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
    pb.directory(layout.run().toFile());
    return pb;
  }

  private long logSize() {
    try {
      return Files.exists(log()) ? Files.size(log()) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private String logTail(long from) {
    return tail(log(), from);
  }

  /** The last {@value #LOG_LINES} lines of {@code file} after byte {@code from} (empty when unreadable). */
  static String tail(Path file, long from) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(from, f.length() - 16_384);
      byte[] bytes = new byte[(int) (f.length() - start)];
      f.seek(start);
      f.readFully(bytes);
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
      int first = Math.max(0, lines.length - LOG_LINES);
      return String.join("\n", java.util.Arrays.asList(lines).subList(first, lines.length)).strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static int freePort() throws SQLException {
    for (int i = 0; i < 10; i++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (s.getLocalPort() != TwinConfig.RESERVED_PORT) {
          return s.getLocalPort();
        }
      } catch (IOException e) {
        throw EmbeddedErrors.system("embedded twin: cannot find a free port on 127.0.0.1: " + e.getMessage(), e);
      }
    }
    throw EmbeddedErrors.system("embedded twin: no free port on 127.0.0.1 other than " + TwinConfig.RESERVED_PORT, null);
  }

  private static void destroy(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  private static void sleep(long millis) throws SQLException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EmbeddedErrors.connection("embedded twin: interrupted while waiting for the server", e);
    }
  }
}
