package io.surrogate.driver.twin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The PostgreSQL binaries on the class path (from {@code io.surrogate:surrogate-twin-binaries}) and their
 * unpacking, once per version, into {@code <root>/<version>}. A file lock keeps two JVMs from unpacking at once;
 * the unpacked tree appears by one atomic rename, so a directory that exists is complete.
 */
final class EmbeddedBinaries {
  static final String RESOURCE_ROOT = "io/surrogate/twin/binaries/";
  static final String PLATFORM = "linux-x86_64";

  private EmbeddedBinaries() {
  }

  /** Shipped majors and their full versions; 58000 when there are none or not for this platform. */
  static Map<Integer, String> shipped() throws SQLException {
    Properties index = new Properties();
    try (InputStream in = loader().getResourceAsStream(RESOURCE_ROOT + "index.properties")) {
      if (in == null) {
        throw EmbeddedErrors.system("embedded twin: no PostgreSQL binaries on the class path (expected the jar "
            + "io.surrogate:surrogate-twin-binaries, which proxy-server brings; or name a twin server instead)", null);
      }
      index.load(in);
    } catch (IOException e) {
      throw EmbeddedErrors.system("embedded twin: cannot read " + RESOURCE_ROOT + "index.properties: " + e.getMessage(), e);
    }
    String here = platform();
    if (!PLATFORM.equals(index.getProperty("platform")) || !PLATFORM.equals(here)) {
      throw EmbeddedErrors.system("embedded twin: no PostgreSQL binaries for " + here + " (shipped: "
          + index.getProperty("platform") + "); name a twin server instead", null);
    }
    Map<Integer, String> majors = new TreeMap<>();
    for (String key : index.stringPropertyNames()) {
      if (key.chars().allMatch(Character::isDigit)) {
        majors.put(Integer.parseInt(key), index.getProperty(key));
      }
    }
    return Collections.unmodifiableMap(majors);
  }

  /** The unpacked binaries of {@code version} under {@code root}, unpacking them first if needed. */
  static Path unpack(String version, Path root) throws SQLException {
    Path target = root.resolve(version);
    if (Files.isRegularFile(target.resolve("bin/postgres"))) {
      return target;
    }
    String resource = RESOURCE_ROOT + version + "/postgres-" + PLATFORM + ".txz";
    Path lockFile = root.resolve(version + ".lock");
    // A FileLock excludes other JVMs only; threads of this one queue on the class monitor.
    synchronized (EmbeddedBinaries.class) {
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (Files.isRegularFile(target.resolve("bin/postgres"))) {
          return target;
        }
        Path partial = Files.createTempDirectory(root, version + ".unpacking-");
        try (InputStream in = loader().getResourceAsStream(resource)) {
          if (in == null) {
            throw EmbeddedErrors.system("embedded twin: class path resource " + resource + " is missing", null);
          }
          Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
          EmbeddedArchive.extract(in, partial);
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          deleteTree(partial);
        }
      } catch (IOException | UncheckedIOException e) {
        throw EmbeddedErrors.system("embedded twin: cannot unpack PostgreSQL " + version + " into " + target + ": "
            + e.getMessage(), e);
      }
    }
    return target;
  }

  /** Deletes {@code dir} and everything below it, if it exists. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName = os.startsWith("linux") ? "linux" : os.replace(' ', '_');
    String archName = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch;
    return osName + "-" + archName;
  }

  private static ClassLoader loader() {
    ClassLoader own = EmbeddedBinaries.class.getClassLoader();
    return own != null ? own : ClassLoader.getSystemClassLoader();
  }
}
