package io.surrogate.driver.twin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Where one embedded twin keeps its files. Normally everything lies under Surrogate's home:
 * {@code pg/<version>} (binaries), {@code twin/<name>/data} (the cluster, owned by the server user, 0700),
 * {@code twin/<name>/run} (its private socket directory and log, same owner) and, owned by the JVM's user with
 * mode 0600, {@code twin/<name>/credentials.properties}.
 *
 * <p>When the JVM runs as root and the server user cannot traverse the home (a home under {@code /root}, which
 * is 0700), the binaries, data and run directories move to {@code <java.io.tmpdir>/surrogate-twin-<hash of
 * home>} instead, rather than opening up the user's directories; the credentials and the lock stay in the home.
 * That is safe to lose: the twin holds only binaries and synthetic rows, which are materialized again.
 *
 * @param binaries parent of the unpacked binaries, one directory per version
 * @param cluster the cluster's directory
 * @param data the PostgreSQL data directory
 * @param run the socket directory, holding the server log too
 * @param credentials the passwords' file
 * @param lock the file locked while a JVM runs this twin
 */
record EmbeddedLayout(Path binaries, Path cluster, Path data, Path run, Path credentials, Path lock) {
  private static final Set<PosixFilePermission> TRAVERSABLE = PosixFilePermissions.fromString("rwx--x--x");
  private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

  /** Creates the directories of {@code config}'s twin, owned and permitted for {@code user}; 58000 on failure. */
  static EmbeddedLayout prepare(TwinConfig config, EmbeddedUser user) throws SQLException {
    Path home = config.home();
    Path step = home;
    try {
      Files.createDirectories(home);
      Path homeCluster = home.resolve("twin").resolve(config.name());
      step = homeCluster;
      directory(home.resolve("twin"), user.switches() ? TRAVERSABLE : PRIVATE);
      directory(homeCluster, user.switches() ? TRAVERSABLE : PRIVATE);
      Path base = home;
      if (user.switches() && !user.canTraverse(homeCluster)) {
        base = fallbackBase(home, user);
      }
      step = base;
      Path binaries = directory(base.resolve("pg"), READABLE);
      Path cluster = base.equals(home) ? homeCluster
          : directory(directory(base.resolve("twin"), TRAVERSABLE).resolve(config.name()), TRAVERSABLE);
      Path run = cluster.resolve("run");
      step = run;
      directory(run, PRIVATE);
      user.own(run);
      if (!user.canTraverse(cluster) || !user.canTraverse(binaries)) {
        throw EmbeddedErrors.system("embedded twin: user " + user.name() + " cannot reach " + cluster + " or "
            + binaries + " (a directory above lacks search permission for it)", null);
      }
      return new EmbeddedLayout(binaries, cluster, cluster.resolve("data"), run,
          homeCluster.resolve("credentials.properties"), homeCluster.resolve("twin.lock"));
    } catch (IOException e) {
      throw EmbeddedErrors.system("embedded twin: cannot prepare " + step + ": " + e, e);
    }
  }

  /** A directory with exactly {@code permissions}, created if missing. */
  private static Path directory(Path dir, Set<PosixFilePermission> permissions) throws IOException {
    Files.createDirectories(dir);
    if (!Files.readAttributes(dir, PosixFileAttributes.class).permissions().equals(permissions)) {
      Files.setPosixFilePermissions(dir, permissions);
    }
    return dir;
  }

  /**
   * The per-home directory under the temporary directory, created by this JVM's user (root) with mode 0711, or
   * an existing one that is a real directory root owns and nobody else may write.
   */
  private static Path fallbackBase(Path home, EmbeddedUser user) throws IOException, SQLException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    Path base = tmp.resolve("surrogate-twin-" + digest(home.toString()));
    try {
      Files.createDirectory(base);
    } catch (FileAlreadyExistsException e) {
      PosixFileAttributes a = Files.readAttributes(base, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      int owner = (Integer) Files.getAttribute(base, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      if (!a.isDirectory() || owner != 0 || a.permissions().contains(PosixFilePermission.GROUP_WRITE)
          || a.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
        throw EmbeddedErrors.system("embedded twin: " + base + " exists but is not a directory owned by root that"
            + " only root may write; remove it", null);
      }
    }
    Files.setPosixFilePermissions(base, TRAVERSABLE);
    if (!user.canTraverse(base)) {
      throw EmbeddedErrors.system("embedded twin: user " + user.name() + " can reach neither " + home + " nor " + base
          + "; set SURROGATE_HOME (or java.io.tmpdir) to a directory it can traverse", null);
    }
    return base;
  }

  private static String digest(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
