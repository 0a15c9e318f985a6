package io.surrogate.driver.internal;

import io.surrogate.catalog.SqlState;
import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cancel state of one statement: whether an execution (its planning included) is running, why it was
 * cancelled, and the flags that stop it. Calcite's planner polls {@link #planningFlag()} and the synthetic scans
 * poll the statement's Calcite flag ({@code DataContext.Variable.CANCEL_FLAG}), so a cancel or query timeout
 * stops the work wherever it is, and the client gets PostgreSQL's 57014.
 *
 * <p>Design note. Avatica's own {@code cancel()} is synchronized on the statement, whose monitor the executing
 * thread holds while a plan's first enumerator is built (a sort or an aggregate does all its work there), and its
 * flag is never cleared. So this class never calls it: it sets the flags itself, and clears them when the next
 * execution begins. A cancel that arrives while nothing runs does nothing, as in PostgreSQL.
 */
final class StatementCancel {
  /** The planning flag of the execution running on this thread, for {@link CachingPrepare}'s planner. */
  private static final ThreadLocal<AtomicBoolean> PLANNING = new ThreadLocal<>();
  static final String USER_REQUEST = "user request";
  static final String STATEMENT_TIMEOUT = "statement timeout";

  private final AtomicBoolean planning = new AtomicBoolean();
  private volatile AtomicBoolean calcite;
  private volatile boolean running;
  private volatile String reason;
  /** Counts executions, so that a stale result set cannot end a later one. */
  private volatile long execution;
  private int timeoutSeconds;
  private ScheduledFuture<?> timer;

  /** Sets the query timeout in seconds (0: none), as {@code Statement.setQueryTimeout}. */
  synchronized void timeout(int seconds) throws SQLException {
    if (seconds < 0) {
      throw SqlState.INVALID_PARAMETER_VALUE.create("query timeout: " + seconds
          + " (expected: seconds >= 0)", null);
    }
    timeoutSeconds = seconds;
  }

  /**
   * Starts an execution on this thread: clears the flags of the previous one, arms the timeout, and offers the
   * planning flag to the planner. {@code calciteFlag} (may be null) is the Calcite statement's flag.
   */
  void begin(AtomicBoolean calciteFlag) {
    end();
    reason = null;
    planning.set(false);
    if (calciteFlag != null) {
      calciteFlag.set(false);
    }
    calcite = calciteFlag;
    int seconds;
    synchronized (this) {
      seconds = timeoutSeconds;
      execution++;
    }
    running = true;
    if (seconds > 0) {
      long which = execution;
      // A timer that fires as it is being cancelled must not reach a later execution.
      ScheduledFuture<?> t = Timer.INSTANCE.schedule(() -> {
        if (execution == which) {
          cancel(STATEMENT_TIMEOUT);
        }
      }, seconds, TimeUnit.SECONDS);
      synchronized (this) {
        timer = t;
      }
    }
    PLANNING.set(planning);
  }

  /** Ends planning on this thread; the execution may go on in its result set. */
  void planned() {
    PLANNING.remove();
  }

  /** The current execution, for {@link #end(long)}. */
  long execution() {
    return execution;
  }

  /** Ends {@code which} execution if it is still the current one. */
  void end(long which) {
    if (which == execution) {
      end();
    }
  }

  /** Ends the execution: its result is exhausted or closed, or it failed. */
  void end() {
    running = false;
    ScheduledFuture<?> t;
    synchronized (this) {
      t = timer;
      timer = null;
    }
    if (t != null) {
      t.cancel(false);
    }
  }

  /** Cancels the running execution, if any, for {@code why}; callable from any thread. */
  void cancel(String why) {
    if (!running) {
      return;
    }
    if (reason == null) {
      reason = why;
    }
    planning.set(true);
    AtomicBoolean c = calcite;
    if (c != null) {
      c.set(true);
    }
  }

  boolean running() {
    return running;
  }

  /**
   * The error to report for {@code failure} of this statement's execution: 57014 with PostgreSQL's text when it was
   * cancelled, else null (map it as usual).
   */
  SQLException canceled(Throwable failure) {
    String why = reason;
    return why == null ? null : canceledError(why, failure);
  }

  static SQLException canceledError(String why, Throwable cause) {
    return SqlState.QUERY_CANCELED.create("canceling statement due to " + why, cause);
  }

  /** The planning flag of the execution running on this thread, or null. */
  static AtomicBoolean planningFlag() {
    return PLANNING.get();
  }

  /** Throws 57014 when the execution running on this thread was cancelled during planning. */
  static void checkPlanning() {
    AtomicBoolean flag = PLANNING.get();
    if (flag != null && flag.get()) {
      throw canceled();
    }
  }

  /** What a scan or the planner throws when it finds its flag set; the statement knows the reason. */
  static SqlStates.Carrier canceled() {
    return new SqlStates.Carrier(canceledError(USER_REQUEST, null));
  }

  /** The one daemon thread that fires query timeouts. */
  private static final class Timer {
    static final ScheduledThreadPoolExecutor INSTANCE = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "surrogate-query-timeout");
        t.setDaemon(true);
        return t;
      });
      e.setRemoveOnCancelPolicy(true);
      return e;
    }
  }
}
