package io.surrogate.driver.twin;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

/**
 * The twin's two passwords, random and stored once in a file only the JVM's user can read (mode 0600).
 *
 * @param admin the password of {@link EmbeddedTwin#ADMIN_ROLE}
 * @param client the password of {@link EmbeddedTwin#CLIENT_ROLE}
 */
record EmbeddedCredentials(String admin, String client) {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The passwords in {@code file}, created there first if it does not exist. */
  static EmbeddedCredentials loadOrCreate(Path file) throws SQLException {
    try {
      if (!Files.exists(file)) {
        write(file, new EmbeddedCredentials(password(), password()));
      }
      if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      }
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      }
      String admin = p.getProperty("admin.password");
      String client = p.getProperty("client.password");
      if (admin == null || admin.isEmpty() || client == null || client.isEmpty()) {
        throw EmbeddedErrors.system("embedded twin: " + file + " lacks admin.password or client.password", null);
      }
      return new EmbeddedCredentials(admin, client);
    } catch (IOException e) {
      throw EmbeddedErrors.system("embedded twin: cannot read or create " + file + ": " + e, e);
    }
  }

  /** Writes to a 0600 temporary file and renames it, so the file is never seen half written or readable. */
  private static void write(Path file, EmbeddedCredentials c) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "credentials", ".tmp",
        PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try {
      Properties p = new Properties();
      p.setProperty("admin.password", c.admin());
      p.setProperty("client.password", c.client());
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(out, "Passwords of the embedded twin's roles; keep this file private");
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String password() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "EmbeddedCredentials[***]";
  }
}
