package io.surrogate.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Client side of one SCRAM-SHA-256 exchange without channel binding, as the proxy logs in to a PostgreSQL source:
 * client-first, then client-final from the server-first message, then a check of the server's signature.
 */
public final class ScramClient {
  private static final String GS2_HEADER = "n,,";

  private final char[] password;
  private final String clientNonce;
  private String clientFirstBare;
  private String authMessage;
  private byte[] saltedPassword;

  /** Starts an exchange for {@code password} with a fresh nonce from {@code random}. */
  public ScramClient(char[] password, SecureRandom random) {
    this.password = password.clone();
    byte[] nonce = new byte[18];
    random.nextBytes(nonce);
    this.clientNonce = Base64.getEncoder().encodeToString(nonce);
  }

  /** The client-first-message (the user name is left empty: PostgreSQL takes it from the startup packet). */
  public String clientFirst() {
    clientFirstBare = "n=,r=" + clientNonce;
    return GS2_HEADER + clientFirstBare;
  }

  /** The client-final-message answering {@code serverFirst}. */
  public String clientFinal(String serverFirst) throws ScramExchange.ScramException {
    if (clientFirstBare == null) {
      throw new ScramExchange.ScramException("SCRAM server-first-message before client-first-message");
    }
    String nonce = attribute(serverFirst, 'r');
    if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
      throw new ScramExchange.ScramException("SCRAM nonce mismatch");
    }
    byte[] salt;
    int iterations;
    try {
      salt = Base64.getDecoder().decode(attribute(serverFirst, 's'));
      iterations = Integer.parseInt(attribute(serverFirst, 'i'));
    } catch (IllegalArgumentException e) {
      throw new ScramExchange.ScramException("malformed SCRAM message: bad salt or iteration count");
    }
    if (iterations < 1) {
      throw new ScramExchange.ScramException("malformed SCRAM message: iteration count " + iterations);
    }
    String withoutProof = "c=" + Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.UTF_8))
        + ",r=" + nonce;
    authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    saltedPassword = ScramSecret.saltedPassword(password, salt, iterations);
    byte[] clientKey = ScramSecret.hmac(saltedPassword, "Client Key");
    byte[] signature = ScramSecret.hmac(ScramSecret.sha256(clientKey), authMessage);
    byte[] proof = new byte[clientKey.length];
    for (int i = 0; i < proof.length; i++) {
      proof[i] = (byte) (clientKey[i] ^ signature[i]);
    }
    return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
  }

  /** Checks the server-final-message; throws when the server did not prove it knows the password. */
  public void verifyServerFinal(String serverFinal) throws ScramExchange.ScramException {
    if (authMessage == null) {
      throw new ScramExchange.ScramException("SCRAM server-final-message before client-final-message");
    }
    if (serverFinal.startsWith("e=")) {
      throw new ScramExchange.ScramException("SCRAM authentication failed: " + serverFinal.substring(2));
    }
    byte[] expected = ScramSecret.hmac(ScramSecret.hmac(saltedPassword, "Server Key"), authMessage);
    byte[] actual;
    try {
      actual = Base64.getDecoder().decode(attribute(serverFinal, 'v'));
    } catch (IllegalArgumentException e) {
      throw new ScramExchange.ScramException("malformed SCRAM message: server signature is not base64");
    }
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new ScramExchange.ScramException("SCRAM server signature does not match");
    }
  }

  private static String attribute(String message, char name) throws ScramExchange.ScramException {
    for (String part : message.split(",")) {
      if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
        return part.substring(2);
      }
    }
    throw new ScramExchange.ScramException("malformed SCRAM message: attribute '" + name + "' missing");
  }
}
