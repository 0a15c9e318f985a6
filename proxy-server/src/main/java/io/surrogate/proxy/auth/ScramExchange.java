package io.surrogate.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Server side of one SCRAM-SHA-256 exchange: client-first → server-first, client-final → server-final.
 * Channel binding is not offered (no SCRAM-SHA-256-PLUS), as PostgreSQL does without TLS.
 */
public final class ScramExchange {
  /** The mechanism name announced in AuthenticationSASL. */
  public static final String MECHANISM = "SCRAM-SHA-256";

  private final ScramSecret secret;
  private final SecureRandom random;
  private String gs2Header;
  private String clientFirstBare;
  private String serverFirst;
  private String nonce;

  /**
   * Starts an exchange against {@code secret}; pass {@code null} for an unknown user, and the exchange runs
   * against a random verifier so the client cannot tell unknown users from wrong passwords.
   */
  public ScramExchange(ScramSecret secret, SecureRandom random) {
    this.random = random;
    this.secret = secret != null ? secret : decoy(random);
  }

  private static ScramSecret decoy(SecureRandom random) {
    char[] junk = new char[24];
    for (int i = 0; i < junk.length; i++) {
      junk[i] = (char) ('a' + random.nextInt(26));
    }
    return ScramSecret.fromPassword(junk, random);
  }

  /** Handles SASLInitialResponse data (client-first-message) and returns server-first-message. */
  public String serverFirst(String clientFirst) throws ScramException {
    if (clientFirst.startsWith("p=")) {
      throw new ScramException("channel binding requested but SCRAM-SHA-256-PLUS is not offered");
    }
    if (!clientFirst.startsWith("n,") && !clientFirst.startsWith("y,")) {
      throw new ScramException("malformed SCRAM message: unexpected gs2 header (expected: n, or y,)");
    }
    int second = clientFirst.indexOf(',', 2);
    if (second < 0) {
      throw new ScramException("malformed SCRAM message: gs2 header is not terminated");
    }
    gs2Header = clientFirst.substring(0, second + 1);
    clientFirstBare = clientFirst.substring(second + 1);
    String clientNonce = attribute(clientFirstBare, 'r');
    byte[] serverNonce = new byte[18];
    random.nextBytes(serverNonce);
    nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
    serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(secret.salt()) + ",i="
        + secret.iterations();
    return serverFirst;
  }

  /** Checks client-final-message; returns server-final-message, or {@code null} if the proof is wrong. */
  public String serverFinal(String clientFinal) throws ScramException {
    if (serverFirst == null) {
      throw new ScramException("SCRAM client-final-message before client-first-message");
    }
    int proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0) {
      throw new ScramException("malformed SCRAM message: missing proof");
    }
    String withoutProof = clientFinal.substring(0, proofAt);
    String binding = attribute(withoutProof, 'c');
    String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
    if (!binding.equals(expectedBinding)) {
      throw new ScramException("SCRAM channel binding check failed");
    }
    if (!attribute(withoutProof, 'r').equals(nonce)) {
      throw new ScramException("SCRAM nonce mismatch");
    }
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
    } catch (IllegalArgumentException e) {
      throw new ScramException("malformed SCRAM message: proof is not base64");
    }
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    if (!secret.verifyProof(proof, authMessage)) {
      return null;
    }
    return "v=" + Base64.getEncoder().encodeToString(secret.serverSignature(authMessage));
  }

  private static String attribute(String message, char name) throws ScramException {
    for (String part : message.split(",")) {
      if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
        return part.substring(2);
      }
    }
    throw new ScramException("malformed SCRAM message: attribute '" + name + "' missing");
  }

  /** A malformed or unexpected SCRAM message (SQLSTATE 08P01). */
  public static final class ScramException extends Exception {
    private static final long serialVersionUID = 1L;

    ScramException(String message) {
      super(message);
    }
  }
}
