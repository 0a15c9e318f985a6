package io.surrogate.cli;

import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.ProxyServer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Prints how to reach a started proxy, runs it until the JVM is interrupted, then closes it gracefully. */
final class Serving {
  private Serving() {
  }

  /** Prints how to connect, then blocks until Ctrl-C (or SIGTERM) and closes the server. */
  static int untilInterrupted(PrintWriter out, ProxyServer server, ProxyConfig config, String database) {
    banner(config, server.port(), server.twin().map(t -> t.database()).orElse(database)).forEach(out::println);
    server.twin().ifPresent(t -> out.println("  served:   from the synthetic twin, PostgreSQL " + t.version() + " (database "
        + t.database() + "): " + t.report().syntheticRows().values().stream().mapToLong(Long::longValue).sum()
        + " synthetic rows, " + t.report().copiedRows().values().stream().mapToLong(Long::longValue).sum()
        + " real rows of public tables; PostgreSQL runs every statement"));
    out.println("Press Ctrl-C to stop.");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        server.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        stopped.countDown();
      }
    }, "surrogate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** How to connect to a server with {@code config} on {@code port}: what it checks, and client settings to match. */
  static List<String> banner(ProxyConfig config, int port, String database) {
    String bind = config.bindAddress();
    String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    boolean tls = config.tlsCertificate().isPresent();
    String sslmode = tls ? "require" : "disable";
    String user = config.trust() ? "surrogate" : config.users().keySet().iterator().next();
    String auth = config.trust() ? "trust on loopback (no logins configured: any user name, no password)"
        : "scram-sha-256 for users " + String.join(", ", config.users().keySet());
    long delay = config.authDelay().toMillis();
    List<String> lines = new ArrayList<>();
    lines.add(String.format("Surrogate proxy listening on %s:%d (PostgreSQL protocol)", bind, port));
    lines.add("  auth:     " + auth);
    if (!config.trust()) {
      lines.add("  logins:   " + (delay == 0 ? "failed logins answered at once (--auth-delay 0)"
          : "failed logins answered after " + delay + " ms, doubling per failure from the same address"));
    }
    lines.add("  tls:      " + (tls ? "on (" + config.tlsCertificate().get().getFileName() + "), sslmode=require works"
        : "ssl off (pass --tls-cert and --tls-key to offer it)"));
    lines.add(String.format("  psql:     psql \"host=%s port=%d dbname=%s user=%s sslmode=%s\"", host, port, database,
        user, sslmode));
    lines.add(String.format("  pgJDBC:   jdbc:postgresql://%s:%d/%s?user=%s&sslmode=%s", host, port, database, user,
        sslmode));
    lines.add(String.format("  DBeaver:  New connection > PostgreSQL, host %s, port %d, database %s, user %s, %s, "
        + "SSL %s", host, port, database, user, config.trust() ? "no password" : "password of that login",
        tls ? "on (mode require)" : "off"));
    return lines;
  }
}
