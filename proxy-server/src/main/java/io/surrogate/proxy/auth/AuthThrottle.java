package io.surrogate.proxy.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How long the authentication answer to a client address waits, so passwords cannot be guessed at network speed
 * (PostgreSQL's {@code auth_delay}, with a backoff per address).
 *
 * <p>The first failed login from an address is answered after the base delay; every further failure while the
 * address has recent failures doubles it, up to {@link #MAX_DELAY} (or the base, if larger). While an address has
 * recent failures a <em>successful</em> login waits as long as a failure would, so a client that hangs up on slow
 * answers learns nothing from the timing. A success, or {@link #QUIET_PERIOD} without failures, forgets the
 * address. The clock is injected so tests need not sleep.
 */
public final class AuthThrottle {
  /** The longest a delay grows (unless the base delay is longer). */
  public static final Duration MAX_DELAY = Duration.ofSeconds(5);
  /** How long without a failure after which an address starts afresh. */
  public static final Duration QUIET_PERIOD = Duration.ofMinutes(1);
  /** The default base delay. */
  public static final Duration DEFAULT_DELAY = Duration.ofMillis(200);
  /** Addresses remembered at most; beyond it, quiet ones are forgotten first, then any. */
  static final int MAX_ADDRESSES = 10_000;

  /** Recent failures of one address and when the last one was seen (clock nanos). */
  private record Failures(int count, long lastNanos) { }

  private final long baseNanos;
  private final long maxNanos;
  private final LongSupplier clock;
  private final Map<InetAddress, Failures> failures = new ConcurrentHashMap<>();

  /** A throttle with base delay {@code base} (zero: no delay) on {@link System#nanoTime()}. */
  public AuthThrottle(Duration base) {
    this(base, System::nanoTime);
  }

  /** A throttle on the given clock (nanoseconds, like {@link System#nanoTime()}). */
  public AuthThrottle(Duration base, LongSupplier clock) {
    if (base == null || base.isNegative()) {
      throw new IllegalArgumentException("authDelay: " + base + " (expected: >= 0, zero disables it)");
    }
    this.baseNanos = base.toNanos();
    this.maxNanos = Math.max(baseNanos, MAX_DELAY.toNanos());
    this.clock = clock;
  }

  /** Whether answers are ever delayed. */
  public boolean enabled() {
    return baseNanos > 0;
  }

  /** Records a failed login from {@code address}; returns how long its failure answer waits. */
  public Duration failed(InetAddress address) {
    if (!enabled()) {
      return Duration.ZERO;
    }
    long now = clock.getAsLong();
    Failures after = failures.compute(address, (a, f) -> new Failures(recent(f, now) + 1, now));
    if (failures.size() > MAX_ADDRESSES) {
      prune(now);
    }
    return delay(after.count());
  }

  /** Records a successful login from {@code address}; returns how long its answer waits (zero without failures). */
  public Duration succeeded(InetAddress address) {
    if (!enabled()) {
      return Duration.ZERO;
    }
    Failures f = failures.remove(address);
    int recent = recent(f, clock.getAsLong());
    return recent == 0 ? Duration.ZERO : delay(recent + 1);
  }

  /** Recent failures of {@code address} now (for logs and tests). */
  public int recentFailures(InetAddress address) {
    return recent(failures.get(address), clock.getAsLong());
  }

  /** Addresses remembered now. */
  int size() {
    return failures.size();
  }

  private static int recent(Failures f, long now) {
    return f == null || now - f.lastNanos() > QUIET_PERIOD.toNanos() ? 0 : f.count();
  }

  /** The base delay doubled for each failure after the first, capped. */
  private Duration delay(int failureCount) {
    int doublings = Math.min(failureCount - 1, 62);
    long nanos = baseNanos;
    for (int i = 0; i < doublings && nanos < maxNanos; i++) {
      nanos *= 2;
    }
    return Duration.ofNanos(Math.min(nanos, maxNanos));
  }

  private void prune(long now) {
    failures.values().removeIf(f -> now - f.lastNanos() > QUIET_PERIOD.toNanos());
    Iterator<Map.Entry<InetAddress, Failures>> it = failures.entrySet().iterator();
    // Still full of active addresses (a flood from many): forget arbitrary ones rather than grow without bound.
    while (failures.size() > MAX_ADDRESSES && it.hasNext()) {
      it.next();
      it.remove();
    }
  }
}
