package io.surrogate.proxy.session;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a session's tasks one at a time, in order, on a shared pool, so each session behaves like a thread. */
final class SerialExecutor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor delegate;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private boolean running;

  SerialExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      queue.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    try {
      delegate.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // The server is shutting down: run what is left (closing the engine connection) on this thread.
      drain();
    }
  }

  private void drain() {
    while (true) {
      Runnable task;
      synchronized (this) {
        task = queue.poll();
        if (task == null) {
          running = false;
          notifyAll();
          return;
        }
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("session task failed", e);
      }
    }
  }

  /** Whether no task is queued or running. */
  synchronized boolean isIdle() {
    return !running && queue.isEmpty();
  }

  /** Waits until idle or until {@code deadlineNanos} (System.nanoTime) passes; returns whether idle. */
  synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
    while (!isIdle()) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
