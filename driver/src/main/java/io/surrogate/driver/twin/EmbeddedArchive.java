package io.surrogate.driver.twin;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.tukaani.xz.XZInputStream;

/**
 * Extracts a {@code .txz} (a ustar/GNU tar in xz) into a directory, refusing entries and links that would land
 * outside it. A small reader of its own rather than commons-compress: the releases that read these archives
 * need a newer commons-io than Calcite brings, and the binaries use only plain files, directories and links.
 * The only class that needs xz, so the rest of the package loads without it.
 */
final class EmbeddedArchive {
  private static final int BLOCK = 512;
  private static final PosixFilePermission[] BITS = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

  private EmbeddedArchive() {
  }

  static void extract(InputStream txz, Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    try (DataInputStream tar = new DataInputStream(new XZInputStream(new BufferedInputStream(txz, 1 << 16)))) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      String longLink = null;
      while (true) {
        tar.readFully(header);
        if (isZero(header)) {
          return;
        }
        char type = (char) header[156];
        long size = octal(header, 124, 12);
        String name = longName != null ? longName : name(header);
        String link = longLink != null ? longLink : text(header, 157, 100);
        if (type == 'L' || type == 'K') {
          String value = new String(read(tar, size), StandardCharsets.UTF_8);
          value = value.indexOf('\0') >= 0 ? value.substring(0, value.indexOf('\0')) : value;
          if (type == 'L') {
            longName = value;
          } else {
            longLink = value;
          }
          continue;
        }
        longName = null;
        longLink = null;
        if (type == 'x' || type == 'g') {
          throw new IOException("archive uses pax headers, which this reader does not support");
        }
        Path out = inside(root, root.resolve(name), name);
        int mode = (int) octal(header, 100, 8);
        switch (type) {
          case '5' -> Files.createDirectories(out);
          case '2' -> {
            Path target = out.getFileSystem().getPath(link);
            if (target.isAbsolute()) {
              throw new IOException("archive link " + name + " -> " + link + " is absolute");
            }
            inside(root, out.getParent().resolve(target), name);
            Files.createDirectories(out.getParent());
            Files.createSymbolicLink(out, target);
          }
          case '1' -> {
            Files.createDirectories(out.getParent());
            Files.createLink(out, inside(root, root.resolve(link), name));
          }
          case '0', '\0', '7' -> {
            Files.createDirectories(out.getParent());
            try (OutputStream os = Files.newOutputStream(out)) {
              copy(tar, os, size);
            }
            Files.setPosixFilePermissions(out, permissions(mode));
            skipPadding(tar, size);
          }
          default -> throw new IOException("archive entry " + name + " has unsupported type '" + type + "'");
        }
      }
    } catch (EOFException e) {
      throw new IOException("archive ends early", e);
    }
  }

  private static String name(byte[] header) {
    String name = text(header, 0, 100);
    String prefix = "ustar".equals(text(header, 257, 5)) ? text(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String text(byte[] b, int offset, int length) {
    int end = offset;
    while (end < offset + length && b[end] != 0) {
      end++;
    }
    return new String(b, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int offset, int length) throws IOException {
    long value = 0;
    for (int i = offset; i < offset + length && b[i] != 0 && b[i] != ' '; i++) {
      if (b[i] < '0' || b[i] > '7') {
        throw new IOException("archive header has a bad number at byte " + i);
      }
      value = value * 8 + (b[i] - '0');
    }
    return value;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] read(DataInputStream in, long size) throws IOException {
    if (size > 1 << 20) {
      throw new IOException("archive long name of " + size + " bytes");
    }
    byte[] b = new byte[(int) size];
    in.readFully(b);
    skipPadding(in, size);
    return b;
  }

  private static void copy(DataInputStream in, OutputStream out, long size) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException();
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  private static void skipPadding(DataInputStream in, long size) throws IOException {
    int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
    in.readFully(new byte[pad]);
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
