package io.surrogate.proxy.session;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Live sessions of a server: admission against the connection limit, process ids and cancel lookup. */
public final class SessionRegistry {
  private final int maxConnections;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger nextProcessId;
  private final ConcurrentMap<Integer, Session> byProcessId = new ConcurrentHashMap<>();

  /** Creates a registry admitting at most {@code maxConnections} sessions. */
  public SessionRegistry(int maxConnections, SecureRandom random) {
    this.maxConnections = maxConnections;
    this.nextProcessId = new AtomicInteger(1000 + random.nextInt(30_000));
  }

  /** Admits a session if the limit allows, giving it a process id; returns -1 when full. */
  int admit(Session session) {
    if (active.incrementAndGet() > maxConnections) {
      active.decrementAndGet();
      return -1;
    }
    int pid = nextProcessId.getAndIncrement() & 0x7FFFFFFF;
    byProcessId.put(pid, session);
    return pid;
  }

  /** Releases a session admitted with {@link #admit}. */
  void release(int processId, Session session) {
    if (byProcessId.remove(processId, session)) {
      active.decrementAndGet();
    }
  }

  /** Cancels the running query of the session with this process id, if the secret matches. */
  void cancel(int processId, int secretKey) {
    Session s = byProcessId.get(processId);
    if (s != null) {
      s.cancelIfSecretMatches(secretKey);
    }
  }

  /** Number of admitted sessions. */
  public int activeSessions() {
    return active.get();
  }

  /** A snapshot of the admitted sessions. */
  public List<Session> sessions() {
    return List.copyOf(byProcessId.values());
  }
}
