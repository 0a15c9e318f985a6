package io.surrogate.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A user's salted SCRAM-SHA-256 verifier (salt, iterations, StoredKey, ServerKey), in PostgreSQL's
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} text form; never the password itself.
 */
public final class ScramSecret {
  /** PostgreSQL's default iteration count. */
  public static final int DEFAULT_ITERATIONS = 4096;
  private static final String PREFIX = "SCRAM-SHA-256$";

  private final byte[] salt;
  private final int iterations;
  private final byte[] storedKey;
  private final byte[] serverKey;

  private ScramSecret(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    this.salt = salt.clone();
    this.iterations = iterations;
    this.storedKey = storedKey.clone();
    this.serverKey = serverKey.clone();
  }

  /**
   * Derives a verifier from a password with a fresh random salt; the caller should wipe {@code password} after.
   * Passwords are used as UTF-8 without SASLprep normalisation (identical for ASCII passwords).
   */
  public static ScramSecret fromPassword(char[] password, SecureRandom random) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return fromPassword(password, salt, DEFAULT_ITERATIONS);
  }

  /** Derives a verifier from a password, salt and iteration count. */
  public static ScramSecret fromPassword(char[] password, byte[] salt, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations: " + iterations + " (expected: >= 1)");
    }
    byte[] salted = saltedPassword(password, salt, iterations);
    byte[] clientKey = hmac(salted, "Client Key");
    return new ScramSecret(salt, iterations, sha256(clientKey), hmac(salted, "Server Key"));
  }

  /** Parses PostgreSQL's text form, as stored in {@code pg_authid.rolpassword}. */
  public static ScramSecret parse(String text) {
    String expected = "(expected: SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>)";
    if (text == null || !text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("SCRAM secret: not in SCRAM-SHA-256 form " + expected);
    }
    String[] parts = text.substring(PREFIX.length()).split("[$:]");
    if (parts.length != 4) {
      throw new IllegalArgumentException("SCRAM secret: " + parts.length + " fields " + expected);
    }
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      byte[] storedKey = b64.decode(parts[2]);
      byte[] serverKey = b64.decode(parts[3]);
      if (storedKey.length != 32 || serverKey.length != 32) {
        throw new IllegalArgumentException("SCRAM secret: keys must be 32 bytes " + expected);
      }
      return new ScramSecret(b64.decode(parts[1]), Integer.parseInt(parts[0]), storedKey, serverKey);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("SCRAM secret: iterations '" + parts[0] + "' " + expected, e);
    }
  }

  byte[] salt() {
    return salt.clone();
  }

  int iterations() {
    return iterations;
  }

  /** Checks a ClientProof against this verifier for the given AuthMessage. */
  boolean verifyProof(byte[] clientProof, String authMessage) {
    byte[] signature = hmac(storedKey, authMessage);
    if (clientProof.length != signature.length) {
      return false;
    }
    byte[] clientKey = new byte[signature.length];
    for (int i = 0; i < clientKey.length; i++) {
      clientKey[i] = (byte) (clientProof[i] ^ signature[i]);
    }
    return MessageDigest.isEqual(sha256(clientKey), storedKey);
  }

  /** The ServerSignature the client checks in server-final-message. */
  byte[] serverSignature(String authMessage) {
    return hmac(serverKey, authMessage);
  }

  @Override
  public String toString() {
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
        + b64.encodeToString(serverKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScramSecret s && s.iterations == iterations && Arrays.equals(s.salt, salt)
        && Arrays.equals(s.storedKey, storedKey) && Arrays.equals(s.serverKey, serverKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(storedKey);
  }

  static byte[] saltedPassword(char[] password, byte[] salt, int iterations) {
    try {
      SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
      PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
      try {
        return f.generateSecret(spec).getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    }
  }

  static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
