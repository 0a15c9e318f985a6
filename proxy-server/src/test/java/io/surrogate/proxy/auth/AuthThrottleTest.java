package io.surrogate.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-address backoff of failed logins, on a fake clock. */
class AuthThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AuthThrottle throttle = new AuthThrottle(Duration.ofMillis(200), now::get);

  private static InetAddress address(String ip) throws Exception {
    return InetAddress.getByName(ip);
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void failuresDoubleTheDelayUpToTheCap() throws Exception {
    InetAddress a = address("192.0.2.1");
    long[] expected = {200, 400, 800, 1600, 3200, 5000, 5000};
    for (long ms : expected) {
      assertEquals(Duration.ofMillis(ms), throttle.failed(a));
      advance(Duration.ofSeconds(1));
    }
    assertEquals(expected.length, throttle.recentFailures(a));
  }

  @Test
  void aSuccessAfterFailuresWaitsLikeAFailureThenResets() throws Exception {
    InetAddress a = address("192.0.2.2");
    assertEquals(Duration.ZERO, throttle.succeeded(a));
    throttle.failed(a);
    throttle.failed(a);
    assertEquals(Duration.ofMillis(800), throttle.succeeded(a));
    assertEquals(0, throttle.recentFailures(a));
    assertEquals(Duration.ZERO, throttle.succeeded(a));
    assertEquals(Duration.ofMillis(200), throttle.failed(a));
  }

  @Test
  void addressesAreSeparateAndAQuietPeriodForgets() throws Exception {
    InetAddress a = address("192.0.2.3");
    InetAddress b = address("2001:db8::1");
    throttle.failed(a);
    throttle.failed(a);
    assertEquals(Duration.ofMillis(200), throttle.failed(b));
    advance(AuthThrottle.QUIET_PERIOD.plusSeconds(1));
    assertEquals(0, throttle.recentFailures(a));
    assertEquals(Duration.ofMillis(200), throttle.failed(a));
  }

  @Test
  void zeroDisablesAndNegativeIsRefused() throws Exception {
    AuthThrottle off = new AuthThrottle(Duration.ZERO, now::get);
    assertEquals(Duration.ZERO, off.failed(address("192.0.2.4")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AuthThrottle(Duration.ofMillis(-1), now::get));
    assertEquals("authDelay: PT-0.001S (expected: >= 0, zero disables it)", e.getMessage());
  }

  @Test
  void theMemoryOfAddressesIsBounded() throws Exception {
    byte[] ip = {10, 0, 0, 0};
    for (int i = 0; i < AuthThrottle.MAX_ADDRESSES + 50; i++) {
      ip[1] = (byte) (i >> 16);
      ip[2] = (byte) (i >> 8);
      ip[3] = (byte) i;
      throttle.failed(InetAddress.getByAddress(ip));
    }
    assertEquals(true, throttle.size() <= AuthThrottle.MAX_ADDRESSES);
  }
}
