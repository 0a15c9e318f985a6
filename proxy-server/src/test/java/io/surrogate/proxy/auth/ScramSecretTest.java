package io.surrogate.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** SCRAM-SHA-256 against the RFC 7677 section 3 example and a full client/server exchange. */
class ScramSecretTest {
  private static final String CLIENT_FIRST_BARE = "n=user,r=rOprNGfwEbeRWgbNEkqO";
  private static final String SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
      + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
  private static final String CLIENT_FINAL_NO_PROOF = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";

  @Test
  void matchesRfc7677Example() {
    byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    ScramSecret secret = ScramSecret.fromPassword("pencil".toCharArray(), salt, 4096);
    String authMessage = CLIENT_FIRST_BARE + "," + SERVER_FIRST + "," + CLIENT_FINAL_NO_PROOF;
    byte[] proof = Base64.getDecoder().decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    assertTrue(secret.verifyProof(proof, authMessage));
    assertEquals("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
        Base64.getEncoder().encodeToString(secret.serverSignature(authMessage)));
    proof[0] ^= 1;
    assertFalse(secret.verifyProof(proof, authMessage));
  }

  @Test
  void textFormRoundTripsAndRejectsGarbage() {
    ScramSecret s = ScramSecret.fromPassword("pw".toCharArray(), new SecureRandom());
    assertTrue(s.toString().startsWith("SCRAM-SHA-256$4096:"));
    assertEquals(s, ScramSecret.parse(s.toString()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScramSecret.parse("md5abc"));
    assertTrue(e.getMessage().contains("expected: SCRAM-SHA-256$"));
  }

  @Test
  void fullExchangeAcceptsRightPasswordOnly() throws Exception {
    ScramSecret secret = ScramSecret.fromPassword("s3cret".toCharArray(), new SecureRandom());
    assertNotNull(exchange(secret, "s3cret"));
    assertNull(exchange(secret, "wrong"));
    assertNull(exchange(null, "s3cret"));
  }

  /** Plays the client side per RFC 5802; returns the server-final-message or null. */
  private static String exchange(ScramSecret secret, String password) throws Exception {
    ScramExchange server = new ScramExchange(secret, new SecureRandom());
    String bare = "n=,r=clientnonce123";
    String serverFirst = server.serverFirst("n,," + bare);
    String nonce = serverFirst.substring(2, serverFirst.indexOf(','));
    String[] parts = serverFirst.split(",");
    byte[] salt = Base64.getDecoder().decode(parts[1].substring(2));
    int iterations = Integer.parseInt(parts[2].substring(2));
    String finalNoProof = "c=biws,r=" + nonce;
    String authMessage = bare + "," + serverFirst + "," + finalNoProof;
    byte[] salted = ScramSecret.saltedPassword(password.toCharArray(), salt, iterations);
    byte[] clientKey = ScramSecret.hmac(salted, "Client Key");
    byte[] signature = ScramSecret.hmac(ScramSecret.sha256(clientKey), authMessage);
    byte[] proof = new byte[clientKey.length];
    for (int i = 0; i < proof.length; i++) {
      proof[i] = (byte) (clientKey[i] ^ signature[i]);
    }
    String result = server.serverFinal(finalNoProof + ",p=" + Base64.getEncoder().encodeToString(proof));
    if (result != null) {
      byte[] serverKey = ScramSecret.hmac(salted, "Server Key");
      assertEquals("v=" + Base64.getEncoder().encodeToString(ScramSecret.hmac(serverKey, authMessage)), result);
    }
    return result;
  }

  @Test
  void rejectsChannelBindingAndMalformedMessages() {
    ScramExchange server = new ScramExchange(null, new SecureRandom());
    assertThrows(ScramExchange.ScramException.class, () -> server.serverFirst("p=tls-server-end-point,,n=,r=x"));
    assertThrows(ScramExchange.ScramException.class, () -> server.serverFirst("x,,n=,r=x"));
    assertThrows(ScramExchange.ScramException.class, () -> server.serverFinal("c=biws,r=x,p=AAAA"));
    assertEquals("biws", Base64.getEncoder().encodeToString("n,,".getBytes(StandardCharsets.UTF_8)));
  }
}
