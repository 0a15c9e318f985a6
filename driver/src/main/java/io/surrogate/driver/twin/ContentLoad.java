package io.surrogate.driver.twin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Loads the rows of a twin on a few connections of its own: every synthetic partition and every public table
 * is one task, taken from a shared queue, so partitions of one table load in parallel. Foreign keys, unique
 * indexes and triggers come later with the post-data schema, so the order of tasks cannot break them.
 */
final class ContentLoad {
  /** One unit of loading on a worker's connection; returns the rows written. */
  interface Task {
    String table();

    long run(Connection twin) throws SQLException;
  }

  private final ConcurrentLinkedQueue<Task> tasks = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> synthetic = new ConcurrentHashMap<>();
  private final Map<String, Long> copied = new ConcurrentHashMap<>();
  private final List<SyntheticCopy> copies = new ArrayList<>();

  void synthetic(SyntheticCopy copy) {
    copies.add(copy);
    synthetic.put(copy.table(), 0L);
    for (int p = 0; p < copy.partitionCount(); p++) {
      int index = p;
      tasks.add(new Task() {
        @Override
        public String table() {
          return copy.table();
        }

        @Override
        public long run(Connection twin) throws SQLException {
          long n = copy.copy(twin, index);
          synthetic.merge(copy.table(), n, Long::sum);
          return n;
        }
      });
    }
  }

  /**
   * A public table: the source's rows piped from {@code COPY TO STDOUT} into the twin's {@code COPY FROM STDIN}.
   *
   * @param partitioned whether it is a partitioned table, which COPY reads only through a query
   */
  void real(String qualified, boolean partitioned, Connection source) {
    String from = partitioned ? "(SELECT * FROM " + qualified + ")" : qualified;
    copied.put(qualified, 0L);
    tasks.add(new Task() {
      @Override
      public String table() {
        return qualified;
      }

      @Override
      public long run(Connection twin) throws SQLException {
        try (PGCopyOutputStream out = new PGCopyOutputStream(twin.unwrap(PGConnection.class),
            "COPY " + qualified + " FROM STDIN (FORMAT binary)")) {
          long n;
          synchronized (source) {
            n = source.unwrap(PGConnection.class).getCopyAPI().copyOut(
                "COPY " + from + " TO STDOUT (FORMAT binary)", out);
          }
          out.endCopy();
          copied.put(qualified, n);
          return n;
        } catch (java.io.IOException e) {
          throw TwinErrors.create(TwinErrors.SYSTEM_ERROR, "copying public table " + qualified + ": "
              + e.getMessage());
        }
      }
    });
  }

  /**
   * A public table of a non-PostgreSQL source: its rows read over JDBC, converted to the twin columns' types, and
   * written with {@code COPY FROM STDIN}.
   *
   * @param select the source query returning the table's columns in the twin's column order
   */
  void realRows(String qualified, List<TwinColumn> columns, String select, Connection source) {
    copied.put(qualified, 0L);
    tasks.add(new Task() {
      @Override
      public String table() {
        return qualified;
      }

      @Override
      public long run(Connection twin) throws SQLException {
        long n;
        synchronized (source) {
          n = JdbcRowCopy.copy(source, select, twin, qualified, columns);
        }
        copied.put(qualified, n);
        return n;
      }
    });
  }

  /** Runs every task on {@code workers} connections made by {@code connect}; the first failure stops all. */
  void run(int workers, Connector connect) throws SQLException {
    AtomicReference<SQLException> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Thread t = new Thread(() -> work(connect, failure), "surrogate-twin-load-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw TwinErrors.create(TwinErrors.SYSTEM_ERROR, "twin load interrupted");
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private void work(Connector connect, AtomicReference<SQLException> failure) {
    try (Connection twin = connect.open()) {
      try (java.sql.Statement s = twin.createStatement()) {
        // synthetic timestamps are written as UTC text, which a timestamptz column reads in the session's zone
        s.execute("SET TimeZone = 'UTC'");
      }
      Task task;
      while (failure.get() == null && (task = tasks.poll()) != null) {
        try {
          task.run(twin);
        } catch (SQLException e) {
          SQLException named = new SQLException("loading " + task.table() + " into the twin: " + e.getMessage(),
              e.getSQLState() == null ? TwinErrors.SYSTEM_ERROR : e.getSQLState(), e);
          failure.compareAndSet(null, named);
        }
      }
    } catch (SQLException | RuntimeException e) {
      failure.compareAndSet(null, e instanceof SQLException s ? s
          : new SQLException("twin load: " + e.getMessage(), TwinErrors.SYSTEM_ERROR, e));
    }
  }

  /** The model version each synthetic table was filled from, by table name. */
  Map<String, Integer> modelVersions() {
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    for (SyntheticCopy c : copies) {
      out.put(c.tableName(), c.modelVersion());
    }
    return out;
  }

  /** The synthetic tables, in the order they were planned. */
  List<SyntheticCopy> syntheticCopies() {
    return List.copyOf(copies);
  }

  Map<String, Long> syntheticRows() {
    return Map.copyOf(synthetic);
  }

  Map<String, Long> copiedRows() {
    return Map.copyOf(copied);
  }

  /** Opens a connection to the database being built. */
  interface Connector {
    Connection open() throws SQLException;
  }
}
