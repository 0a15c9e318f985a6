package io.surrogate.proxy.session;

import io.surrogate.catalog.SqlState;
import io.surrogate.driver.internal.ErrorMapper;
import io.surrogate.proxy.codec.BackendMessage.CommandComplete;
import io.surrogate.proxy.codec.BackendMessage.DataRow;
import io.surrogate.proxy.codec.BackendMessage.DataRows;
import io.surrogate.proxy.types.ValueEncoder;
import io.surrogate.driver.SurrogateConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs statements on the engine connection under the statement timeout and cancel requests, and streams result
 * rows in batches that respect the channel's writability, so a large result is never held in memory.
 */
final class EngineRunner {
  private static final int BATCH_ROWS = 256;
  private static final int BATCH_BYTES = 64 * 1024;

  /** A JDBC call that may be cancelled. */
  @FunctionalInterface
  interface SqlCall<T> {
    T call() throws SQLException;
  }

  private final SessionState state;
  private static final long CANCEL_REPEAT_MILLIS = 200;
  /** Stops the statement running on the engine now, or null. */
  private volatile Runnable current;
  /** Counts guarded statements, so that a repeated cancel never reaches a later one. */
  private volatile long generation;
  private volatile Runnable remoteCancel;
  private volatile String cancelReason;
  /**
   * A cancel that arrived while the session was in a query cycle but before its statement reached the engine: it
   * cancels the next statement of the cycle, as PostgreSQL's pending interrupt does. Guarded by {@code this}.
   */
  private String pendingCancel;
  /** Between a client message and the ReadyForQuery that answers it. Guarded by {@code this}. */
  private boolean inCycle;

  EngineRunner(SessionState state) {
    this.state = state;
  }

  /** Runs one statement of a simple query: RowDescription, rows and CommandComplete, or CommandComplete. */
  void runSimple(String sql) throws SQLException {
    String rewritten = rewrite(sql, state);
    try (Statement st = state.connection.createStatement()) {
      st.setFetchSize(state.services.config().fetchSize());
      guarded(st, () -> {
        if (st.execute(rewritten)) {
          try (ResultSet rs = st.getResultSet()) {
            ResultColumns columns = ResultColumns.of(rs.getMetaData(), i -> 0);
            state.out.write(columns.description());
            long rows = stream(rs, columns, 0);
            state.out.write(new CommandComplete("SELECT " + rows));
          }
        } else {
          state.out.write(new CommandComplete(tag(sql, st.getUpdateCount())));
        }
        return null;
      });
    }
  }

  /** Inlines session functions and, for catalog queries, rewrites PostgreSQL-only shapes. */
  static String rewrite(String sql, SessionState state) {
    String s = SessionFunctions.inline(sql, state);
    return CatalogRewriter.applies(s) ? CatalogRewriter.rewrite(s, state.user) : s;
  }

  /**
   * Runs {@code call} as the current statement: armed with the statement timeout, cancellable, and with
   * failures caused by a cancel reported as SQLSTATE 57014.
   */
  <T> T guarded(Statement st, SqlCall<T> call) throws SQLException {
    return guarded(() -> {
      try {
        st.cancel();
      } catch (SQLException | RuntimeException e) {
        // The streaming loop also checks the reason, so a statement that cannot be cancelled still stops.
      }
    }, call);
  }

  /**
   * Runs {@code call}, which prepares a statement (the engine plans it now), like {@link #guarded(Statement,
   * SqlCall)}: a cancel reaches the planning through the engine connection's {@link SurrogateConnection#cancelQuery}
   * (other engines cannot cancel a preparation; their cancel is reported once it returns).
   */
  <T> T guardedPrepare(SqlCall<T> call) throws SQLException {
    SurrogateConnection engine = surrogate(state.connection);
    return guarded(engine == null ? () -> { } : engine::cancelQuery, call);
  }

  private static SurrogateConnection surrogate(Connection c) {
    try {
      return c.isWrapperFor(SurrogateConnection.class) ? c.unwrap(SurrogateConnection.class) : null;
    } catch (SQLException e) {
      return null;
    }
  }

  private <T> T guarded(Runnable canceller, SqlCall<T> call) throws SQLException {
    cancelReason = null;
    generation++;
    current = canceller;
    String pending = takePendingCancel();
    if (pending != null) {
      current = null;
      throw SqlState.QUERY_CANCELED.create("canceling statement due to " + pending);
    }
    long timeout = state.statementTimeoutMillis();
    ScheduledFuture<?> timer = timeout <= 0 ? null : state.services.timer().schedule(
        () -> cancel("statement timeout"), timeout, TimeUnit.MILLISECONDS);
    try {
      return call.call();
    } catch (SQLException | RuntimeException e) {
      String reason = cancelReason;
      if (reason != null) {
        throw SqlState.QUERY_CANCELED.create("canceling statement due to " + reason, e);
      }
      if (e instanceof RuntimeException re) {
        throw ErrorMapper.map(re);
      }
      throw e;
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
      current = null;
    }
  }

  /**
   * Marks the start of a statement that runs elsewhere (on the source's protocol): {@code canceller} stops it, and
   * the statement timeout is armed. Returns the timer to give to {@link #endRemote}.
   */
  ScheduledFuture<?> beginRemote(Runnable canceller) {
    cancelReason = null;
    remoteCancel = canceller;
    long timeout = state.statementTimeoutMillis();
    return timeout <= 0 ? null : state.services.timer().schedule(
        () -> cancel("statement timeout"), timeout, TimeUnit.MILLISECONDS);
  }

  /**
   * Marks the end of a remote statement; a failure with {@code sqlState} (null: none) becomes the exception to
   * report, as 57014 with the reason when the statement was cancelled.
   */
  SQLException endRemote(ScheduledFuture<?> timer, String sqlState, String message) {
    if (timer != null) {
      timer.cancel(false);
    }
    remoteCancel = null;
    if (sqlState == null) {
      return null;
    }
    String reason = cancelReason;
    if (reason != null && SqlState.QUERY_CANCELED.code().equals(sqlState)) {
      return SqlState.QUERY_CANCELED.create("canceling statement due to " + reason);
    }
    return new SQLException(message, sqlState);
  }

  /** Starts a query cycle: the client sent a message, and the cycle lasts until its ReadyForQuery. */
  synchronized void startCycle() {
    inCycle = true;
  }

  /** Ends the query cycle: a cancel that found no statement to stop is dropped, as PostgreSQL does when idle. */
  synchronized void endCycle() {
    inCycle = false;
    pendingCancel = null;
  }

  /** Whether a query cycle is in progress. */
  synchronized boolean inCycle() {
    return inCycle;
  }

  /**
   * Cancels the statement running now or, within a query cycle where none has reached the engine yet, the next one
   * the cycle runs; called from another thread. Outside a cycle it does nothing, as in PostgreSQL.
   */
  void cancelRequested(String reason) {
    synchronized (this) {
      if (inCycle) {
        pendingCancel = reason;
      }
    }
    if (current != null || remoteCancel != null) {
      takePendingCancel();
      cancel(reason);
    }
  }

  private synchronized String takePendingCancel() {
    String reason = pendingCancel;
    pendingCancel = null;
    return reason;
  }

  /** Cancels the statement running now, if any; called from another thread. */
  void cancel(String reason) {
    Runnable remote = remoteCancel;
    if (remote != null) {
      cancelReason = reason;
      remote.run();
      return;
    }
    Runnable canceller = current;
    if (canceller == null) {
      return;
    }
    cancelReason = reason;
    repeatCancel(canceller, generation);
  }

  /**
   * Cancels, and again every {@value #CANCEL_REPEAT_MILLIS} ms while the same statement still runs: a cancel that
   * reaches the engine just before the statement's execution or preparation begins finds nothing running there.
   */
  private void repeatCancel(Runnable canceller, long which) {
    if (current != canceller || generation != which) {
      return;
    }
    canceller.run();
    try {
      state.services.timer().schedule(() -> repeatCancel(canceller, which), CANCEL_REPEAT_MILLIS,
          TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // The server is shutting down.
    }
  }

  /**
   * Writes up to {@code maxRows} rows (0 = all) of the result as DataRows and returns how many were written;
   * waits for the client whenever the channel is above its high-water mark.
   */
  long stream(ResultSet rs, ResultColumns columns, long maxRows) throws SQLException {
    ValueEncoder encoder = new ValueEncoder(state.settings.zone());
    int n = columns.types().length;
    long count = 0;
    // Starts small: most results of an OLTP client are a row or a few, and the list grows to a batch when needed.
    List<DataRow> batch = new ArrayList<>(maxRows > 0 && maxRows < 16 ? (int) maxRows : 16);
    int bytes = 0;
    while ((maxRows <= 0 || count < maxRows) && rs.next()) {
      if (cancelReason != null) {
        throw SqlState.QUERY_CANCELED.create("canceling statement due to " + cancelReason);
      }
      byte[][] values = new byte[n][];
      for (int i = 0; i < n; i++) {
        values[i] = encoder.read(rs, i + 1, columns.types()[i], columns.binary()[i]);
      }
      DataRow row = new DataRow(values);
      batch.add(row);
      bytes += row.estimatedSize();
      count++;
      if (batch.size() >= BATCH_ROWS || bytes >= BATCH_BYTES) {
        state.out.write(new DataRows(batch));
        batch.clear();
        bytes = 0;
        if (!state.out.isWritable()) {
          state.out.awaitWritable();
        }
      }
    }
    if (!batch.isEmpty()) {
      state.out.write(new DataRows(batch));
    }
    return count;
  }

  /** The CommandComplete tag of a statement that returned an update count. */
  static String tag(String sql, int updateCount) {
    String verb = SqlText.firstWord(sql);
    long count = Math.max(0, updateCount);
    return switch (verb) {
      case "INSERT" -> "INSERT 0 " + count;
      case "UPDATE", "DELETE", "MERGE", "SELECT", "MOVE", "FETCH", "COPY" -> verb + " " + count;
      case "CREATE", "DROP", "ALTER" -> verb + secondWord(sql);
      default -> verb;
    };
  }

  private static String secondWord(String sql) {
    String[] words = SqlText.stripComments(sql).split("\\s+");
    return words.length > 1 ? " " + words[1].toUpperCase(java.util.Locale.ROOT) : "";
  }
}
