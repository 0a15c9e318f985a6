package io.surrogate.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Point queries by key from concurrent clients, each on its own connection with one prepared statement (or, with
 * {@code literal}, a new SQL text per query, as psql, psycopg2 and most ORMs send) and a seeded key stream: a
 * warm-up round, then a measured round whose throughput is returned.
 *
 * @param clients concurrent clients (threads, one connection each)
 * @param warmPerClient queries per client before measuring
 * @param measuredPerClient queries per client in the measured round
 * @param keys keys are drawn uniformly from 1..keys
 * @param seed seed of the key streams (client t uses seed + t)
 * @param literal whether each query is sent as literal SQL text with its key in it, instead of a bound parameter
 */
public record PointQueryLoad(int clients, long warmPerClient, long measuredPerClient, int keys, long seed,
    boolean literal) {

  /** Validates every count. */
  public PointQueryLoad {
    if (clients < 1 || warmPerClient < 0 || measuredPerClient < 1 || keys < 1) {
      throw new IllegalArgumentException("point query load: clients " + clients + ", warm " + warmPerClient
          + ", measured " + measuredPerClient + ", keys " + keys
          + " (expected: clients >= 1, warm >= 0, measured >= 1, keys >= 1)");
    }
  }

  /** Prepared statements with a bound key. */
  public PointQueryLoad(int clients, long warmPerClient, long measuredPerClient, int keys, long seed) {
    this(clients, warmPerClient, measuredPerClient, keys, seed, false);
  }

  /** The same load sent as literal SQL text. */
  public PointQueryLoad asLiteral() {
    return new PointQueryLoad(clients, warmPerClient, measuredPerClient, keys, seed, true);
  }

  /** A connection source that may fail. */
  public interface Opener {
    /** Opens a fresh connection. */
    Connection open() throws SQLException;
  }

  /**
   * Runs {@code sql} (one {@code ?} for the key) and returns measured queries per second; fails when any query
   * finds no row, so a broken path cannot look fast.
   */
  public double queriesPerSecond(Opener opener, String sql) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      round(pool, opener, sql, warmPerClient);
      long start = System.nanoTime();
      round(pool, opener, sql, measuredPerClient);
      double seconds = (System.nanoTime() - start) / 1e9;
      return clients * measuredPerClient / seconds;
    } finally {
      pool.shutdownNow();
    }
  }

  private void round(ExecutorService pool, Opener opener, String sql, long perClient) throws Exception {
    if (perClient == 0) {
      return;
    }
    List<Future<Long>> done = new ArrayList<>();
    for (int t = 0; t < clients; t++) {
      long clientSeed = seed + t;
      done.add(pool.submit(() -> {
        SplittableRandom random = new SplittableRandom(clientSeed);
        if (literal) {
          try (Connection c = opener.open(); Statement st = c.createStatement()) {
            long found = 0;
            for (long i = 0; i < perClient; i++) {
              try (ResultSet rs = st.executeQuery(sql.replace("?", Integer.toString(1 + random.nextInt(keys))))) {
                found += rs.next() ? 1 : 0;
              }
            }
            return found;
          }
        }
        try (Connection c = opener.open(); PreparedStatement ps = c.prepareStatement(sql)) {
          long found = 0;
          for (long i = 0; i < perClient; i++) {
            ps.setInt(1, 1 + random.nextInt(keys));
            try (ResultSet rs = ps.executeQuery()) {
              found += rs.next() ? 1 : 0;
            }
          }
          return found;
        }
      }));
    }
    long found = 0;
    for (Future<Long> f : done) {
      found += f.get();
    }
    if (found != perClient * clients) {
      throw new IllegalStateException("point queries: " + found + " of " + perClient * clients
          + " keys found (expected: every key 1.." + keys + " to exist) for " + sql);
    }
  }
}
