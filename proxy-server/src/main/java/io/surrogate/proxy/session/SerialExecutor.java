package io.surrogate.proxy.session;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a session's tasks one at a time, in order, so each session behaves like a thread. Tasks that may block run
 * on a shared pool; a task the session calls quick ({@code runsHere}, asked only while this executor is owned, so
 * it may read the session's state) runs on the caller's thread, the event loop, when nothing is ahead of it,
 * which spares two thread hand-overs per statement. A task may {@link #pause()} the queue while its work finishes
 * elsewhere (a statement on the source's protocol); {@link #resume} then runs the continuation before anything
 * queued meanwhile.
 *
 * <p>Ownership: {@code running} is true from the moment a task is taken until the queue is empty, paused or not;
 * {@code draining} is true while some thread runs tasks. Each hand-over passes through this object's monitor, so
 * whichever thread runs the next task sees what the previous one wrote.
 */
final class SerialExecutor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor delegate;
  private final Predicate<Runnable> runsHere;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private boolean running;
  private boolean draining;
  private boolean paused;

  /** An executor whose every task runs on {@code delegate}. */
  SerialExecutor(Executor delegate) {
    this(delegate, task -> false);
  }

  /** An executor that runs the tasks {@code runsHere} accepts on the offering thread when it can. */
  SerialExecutor(Executor delegate, Predicate<Runnable> runsHere) {
    this.delegate = delegate;
    this.runsHere = runsHere;
  }

  /** Queues {@code task} for the pool. */
  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      queue.add(task);
      if (running) {
        return;
      }
      running = true;
      draining = true;
    }
    submitDrain();
  }

  /**
   * Runs {@code task} on this thread if nothing is queued or running and {@code runsHere} accepts it (then goes
   * on with what it queued, while accepted); otherwise queues it like {@link #execute}.
   */
  void offer(Runnable task) {
    synchronized (this) {
      if (running) {
        queue.add(task);
        return;
      }
      running = true;
      draining = true;
    }
    if (runsHere.test(task)) {
      runHere(task);
    } else {
      synchronized (this) {
        queue.addFirst(task);
      }
      submitDrain();
    }
  }

  /**
   * Puts {@code task} back at the head of the queue; called by the running task when it finds, running on the
   * offering thread, that it must block after all: the task runs again next, on the pool if {@code runsHere} now
   * refuses it.
   */
  synchronized void requeue(Runnable task) {
    queue.addFirst(task);
  }

  /** Stops running queued tasks after the current one; called by the running task. */
  synchronized void pause() {
    paused = true;
  }

  /**
   * Ends a pause: runs {@code continuation}, then the tasks queued meanwhile; callable from any thread. With
   * {@code here}, the continuation (and what follows while {@code runsHere} accepts it) runs on this thread.
   */
  void resume(Runnable continuation, boolean here) {
    synchronized (this) {
      paused = false;
      if (draining) {
        // The pausing task has not returned yet; its loop goes on with the continuation.
        queue.addFirst(continuation);
        return;
      }
      draining = true;
      if (!here) {
        queue.addFirst(continuation);
      }
    }
    if (here) {
      runHere(continuation);
    } else {
      submitDrain();
    }
  }

  /** Runs {@code first}, then queued tasks while {@code runsHere} accepts them; the caller owns the executor. */
  private void runHere(Runnable first) {
    Runnable task = first;
    while (true) {
      runSafely(task);
      synchronized (this) {
        if (paused) {
          draining = false;
          return;
        }
        Runnable next = queue.peek();
        if (next == null) {
          running = false;
          draining = false;
          notifyAll();
          return;
        }
        if (!runsHere.test(next)) {
          break;
        }
        task = queue.poll();
      }
    }
    submitDrain();
  }

  private void submitDrain() {
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
        if (paused) {
          draining = false;
          return;
        }
        task = queue.poll();
        if (task == null) {
          running = false;
          draining = false;
          notifyAll();
          return;
        }
      }
      runSafely(task);
    }
  }

  /** Runs one task; whatever it throws, errors included, must not end the loop, which would stall the session. */
  private static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("session task failed", e);
    } catch (Error e) {
      LOG.error("session task failed with {}", e.getClass().getSimpleName());
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
