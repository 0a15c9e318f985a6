package io.surrogate.driver.twin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system user the twin's PostgreSQL runs as. PostgreSQL refuses to run as root, so a JVM running
 * as root starts initdb, postgres and pg_ctl under an unprivileged user through {@code setpriv} (or
 * {@code runuser} where setpriv is missing) and hands it the data and socket directories; any other JVM runs them
 * as itself.
 *
 * @param name the user's name
 * @param uid its numeric id
 * @param gid its primary group, or -1 when no switch happens
 * @param prefix the command that switches to it, empty when the JVM already is it
 */
record EmbeddedUser(String name, int uid, int gid, List<String> prefix) {
  private static final List<String> SEARCH = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");

  /** Who runs the server for this JVM; 58000 when root and {@code serverUser} cannot be switched to. */
  static EmbeddedUser resolve(String serverUser) throws SQLException {
    int self = currentUid();
    if (self != 0) {
      return new EmbeddedUser(System.getProperty("user.name"), self, -1, List.of());
    }
    int uid = id("-u", serverUser);
    int gid = id("-g", serverUser);
    if (uid == 0) {
      throw EmbeddedErrors.system("embedded twin: server user " + serverUser + " has uid 0; PostgreSQL refuses to run"
          + " as root (expected an unprivileged user)", null);
    }
    Path setpriv = find("setpriv");
    if (setpriv != null) {
      return new EmbeddedUser(serverUser, uid, gid, List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid,
          "--clear-groups", "--"));
    }
    Path runuser = find("runuser");
    if (runuser != null) {
      return new EmbeddedUser(serverUser, uid, gid, List.of(runuser.toString(), "-u", serverUser, "--"));
    }
    throw EmbeddedErrors.system("embedded twin: the JVM runs as root, PostgreSQL refuses to, and neither setpriv nor"
        + " runuser is in " + SEARCH + " to switch to " + serverUser + " (install util-linux or run as another user)",
        null);
  }

  /** True when the server runs as another user than the JVM. */
  boolean switches() {
    return !prefix.isEmpty();
  }

  /** The command line running {@code command} as this user. */
  List<String> command(List<String> command) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(command);
    return all;
  }

  /** Makes this user own {@code path} (no-op when no switch happens). */
  void own(Path path) throws IOException {
    if (switches()) {
      Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /**
   * True when this user may search {@code dir} and every directory above it (by the owner, group and other
   * permission bits; the switch clears supplementary groups, so they do not count).
   */
  boolean canTraverse(Path dir) throws IOException {
    if (!switches()) {
      return true;
    }
    for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
      int owner = (Integer) Files.getAttribute(p, "unix:uid");
      int group = (Integer) Files.getAttribute(p, "unix:gid");
      PosixFilePermission needed = owner == uid ? PosixFilePermission.OWNER_EXECUTE
          : group == gid ? PosixFilePermission.GROUP_EXECUTE : PosixFilePermission.OTHERS_EXECUTE;
      if (!a.isDirectory() || !a.permissions().contains(needed)) {
        return false;
      }
    }
    return true;
  }

  /** The JVM's effective uid: the owner of its own {@code /proc} entry. */
  static int currentUid() throws SQLException {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      throw EmbeddedErrors.system("embedded twin: cannot read the JVM's uid from /proc/self: " + e.getMessage(), e);
    }
  }

  private static int id(String flag, String user) throws SQLException {
    try {
      Process p = new ProcessBuilder("id", flag, user).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.chars().allMatch(Character::isDigit)
          || out.isEmpty()) {
        throw EmbeddedErrors.system("embedded twin: the JVM runs as root and the server user " + user
            + " cannot be resolved (id " + flag + " " + user + ": " + out + "); set the twin's server user", null);
      }
      return Integer.parseInt(out);
    } catch (IOException e) {
      throw EmbeddedErrors.system("embedded twin: cannot run id " + flag + " " + user + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EmbeddedErrors.system("embedded twin: interrupted resolving user " + user, e);
    }
  }

  private static Path find(String program) {
    for (String dir : SEARCH) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
