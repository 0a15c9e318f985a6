package io.surrogate.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The client side of SCRAM logs in to the server side, and a wrong password or a forged server fails. */
class ScramClientTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void theRightPasswordLogsInAndTheServerProvesItself() throws Exception {
    ScramSecret secret = ScramSecret.fromPassword("correct horse".toCharArray(), random);
    ScramExchange server = new ScramExchange(secret, random);
    ScramClient client = new ScramClient("correct horse".toCharArray(), random);
    String serverFirst = server.serverFirst(client.clientFirst());
    String serverFinal = server.serverFinal(client.clientFinal(serverFirst));
    assertNotNull(serverFinal);
    client.verifyServerFinal(serverFinal);
  }

  @Test
  void aWrongPasswordIsRefusedAndAForgedSignatureIsDetected() throws Exception {
    ScramSecret secret = ScramSecret.fromPassword("correct horse".toCharArray(), random);
    ScramExchange server = new ScramExchange(secret, random);
    ScramClient client = new ScramClient("battery staple".toCharArray(), random);
    String serverFirst = server.serverFirst(client.clientFirst());
    assertNull(server.serverFinal(client.clientFinal(serverFirst)));

    ScramExchange impostor = new ScramExchange(ScramSecret.fromPassword("other".toCharArray(), random), random);
    ScramClient victim = new ScramClient("correct horse".toCharArray(), random);
    String first = impostor.serverFirst(victim.clientFirst());
    victim.clientFinal(first);
    assertThrows(ScramExchange.ScramException.class, () -> victim.verifyServerFinal("v=AAAA"));
  }

  @Test
  void aServerNonceThatDoesNotExtendTheClientsIsRefused() {
    ScramClient client = new ScramClient("pw".toCharArray(), random);
    client.clientFirst();
    assertThrows(ScramExchange.ScramException.class, () -> client.clientFinal("r=other,s=c2FsdA==,i=4096"));
  }
}
