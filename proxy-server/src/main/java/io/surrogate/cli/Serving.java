package io.surrogate.cli;

import io.surrogate.proxy.ProxyServer;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/** Runs a started proxy until the JVM is interrupted, then closes it gracefully. */
final class Serving {
  private Serving() {
  }

  /** Prints how to connect, then blocks until Ctrl-C (or SIGTERM) and closes the server. */
  static int untilInterrupted(PrintWriter out, ProxyServer server, String bind, String database) {
    int port = server.port();
    String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    out.printf("Surrogate proxy listening on %s:%d (PostgreSQL protocol)%n", bind, port);
    out.printf("  psql:     psql \"host=%s port=%d dbname=%s user=surrogate sslmode=disable\"%n", host, port, database);
    out.printf("  pgJDBC:   jdbc:postgresql://%s:%d/%s?sslmode=disable%n", host, port, database);
    out.printf("  DBeaver:  New connection > PostgreSQL, host %s, port %d, database %s, user surrogate,"
        + " authentication as configured (trust on loopback)%n", host, port, database);
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
}
