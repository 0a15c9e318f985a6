package io.surrogate.driver.twin;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Extracts a {@code .txz} (tar in xz) into a directory, refusing entries and links that would land outside it.
 * The only class that needs commons-compress and xz, so the rest of the package loads without them.
 */
final class EmbeddedArchive {
  private static final PosixFilePermission[] BITS = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

  private EmbeddedArchive() {
  }

  static void extract(InputStream txz, Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new XZInputStream(new BufferedInputStream(txz, 1 << 16)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path out = inside(root, root.resolve(entry.getName()), entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        if (entry.isSymbolicLink()) {
          Path link = out.getFileSystem().getPath(entry.getLinkName());
          if (link.isAbsolute()) {
            throw new IOException("archive link " + entry.getName() + " -> " + link + " is absolute");
          }
          inside(root, out.getParent().resolve(link), entry.getName());
          Files.createSymbolicLink(out, link);
        } else if (entry.isLink()) {
          Files.createLink(out, inside(root, root.resolve(entry.getLinkName()), entry.getName()));
        } else if (entry.isFile()) {
          Files.copy(tar, out);
          Files.setPosixFilePermissions(out, permissions(entry.getMode()));
        }
      }
    }
  }

  private static Path inside(Path root, Path path, String entry) throws IOException {
    Path normal = path.normalize();
    if (!normal.startsWith(root)) {
      throw new IOException("archive entry " + entry + " points outside " + root);
    }
    return normal;
  }

  /** The entry's mode without write access for group and others: nothing but the owner may change the binaries. */
  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    int bits = mode & 0755;
    for (int i = 0; i < BITS.length; i++) {
      if ((bits & (1 << i)) != 0) {
        set.add(BITS[i]);
      }
    }
    return set;
  }
}
