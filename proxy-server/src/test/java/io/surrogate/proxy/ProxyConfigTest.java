package io.surrogate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Validation of {@link ProxyConfig}. */
class ProxyConfigTest {

  @Test
  void defaults() {
    ProxyConfig c = ProxyConfig.builder().build();
    assertEquals("127.0.0.1", c.bindAddress());
    assertEquals(5433, c.port());
    assertTrue(c.trust());
    assertEquals(100, c.maxConnections());
    assertEquals("16.4", c.serverVersion());
    assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), c.ioThreads());
  }

  @Test
  void refusesPostgresPort() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProxyConfig.builder().port(5432));
    assertTrue(e.getMessage().startsWith("port: 5432 (expected:"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ProxyConfig.builder().port(70000));
  }

  @Test
  void trustOnlyOnLoopback() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProxyConfig.builder().bindAddress("0.0.0.0").build());
    assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    ProxyConfig withUser = ProxyConfig.builder().bindAddress("0.0.0.0").user("ann", "pw".toCharArray()).build();
    assertFalse(withUser.trust());
    assertFalse(withUser.users().get("ann").toString().contains("pw$"));
  }

  @Test
  void validatesEachValue() {
    assertThrows(IllegalArgumentException.class, () -> ProxyConfig.builder().maxConnections(0));
    IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
        () -> ProxyConfig.builder().ioThreads(0));
    assertEquals("ioThreads: 0 (expected: 1..1024)", threads.getMessage());
    assertEquals(3, ProxyConfig.builder().ioThreads(3).build().ioThreads());
    assertThrows(IllegalArgumentException.class, () -> ProxyConfig.builder().idleTimeout(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> ProxyConfig.builder().maxMessageSize(10));
    assertThrows(IllegalArgumentException.class, () -> ProxyConfig.builder().sourceUrl(" "));
    assertThrows(IllegalArgumentException.class, () -> ProxyConfig.builder().user("u", new char[0]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ProxyServer(ProxyConfig.builder().build()));
    assertTrue(e.getMessage().startsWith("sourceUrl: missing"));
  }

  @Test
  void errorsNeverEchoAPassword() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProxyConfig.builder().driverProperty(" ", "Secret-Value"));
    assertFalse(e.getMessage().contains("Secret-Value"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ProxyConfig.builder().sourceUrl("nourl?password=Secret"));
    assertFalse(e.getMessage().contains("Secret"), e.getMessage());
  }

  @Test
  void authDelayDefaultsOnAndRefusesNegatives() {
    assertEquals(Duration.ofMillis(200), ProxyConfig.builder().build().authDelay());
    assertEquals(Duration.ZERO, ProxyConfig.builder().authDelay(Duration.ZERO).build().authDelay());
    assertThrows(IllegalArgumentException.class, () -> ProxyConfig.builder().authDelay(Duration.ofMillis(-5)));
  }
}
