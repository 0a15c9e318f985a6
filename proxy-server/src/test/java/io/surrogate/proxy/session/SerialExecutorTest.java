package io.surrogate.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Order, inline running, pause and resume of a session's executor. Where a test expects a task on a given thread,
 * it first waits (on a latch or on the pool's finished drains) for the state that makes the expectation hold, so no
 * test depends on how fast the pool's threads are scheduled.
 */
class SerialExecutorTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  /** One permit each time a job the executor handed to the pool returns. */
  private final Semaphore poolJobsDone = new Semaphore(0);
  /** The pool as the executor sees it, counting returned jobs in {@link #poolJobsDone}. */
  private final Executor countingPool = job -> pool.execute(() -> {
    try {
      job.run();
    } finally {
      poolJobsDone.release();
    }
  });

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** A task that records its name and the thread it ran on. */
  private record Step(String name, List<String> log, boolean quick) implements Runnable {
    @Override
    public void run() {
      log.add(name + (Thread.currentThread().getName().startsWith("pool") ? "@pool" : "@here"));
    }
  }

  private SerialExecutor executor() {
    return new SerialExecutor(countingPool, t -> t instanceof Step s && s.quick() || t instanceof QuickOnce);
  }

  @Test
  void quickTasksRunOnTheOfferingThreadAndOthersOnThePoolInOrder() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    SerialExecutor ex = executor();
    ex.offer(new Step("a", log, true));
    ex.offer(new Step("b", log, false));
    ex.offer(new Step("c", log, true));
    assertTrue(ex.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
    assertEquals("a@here", log.get(0));
    assertEquals(List.of("a", "b", "c"), log.stream().map(s -> s.substring(0, 1)).toList());
    assertTrue(log.get(1).endsWith("@pool"), log.toString());
  }

  @Test
  void aTaskThatThrowsAnErrorDoesNotStallTheQueue() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    SerialExecutor ex = executor();
    ex.execute(() -> {
      throw new OutOfMemoryError("Java heap space");
    });
    ex.execute(new Step("after", log, false));
    assertTrue(ex.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)), "the queue drained");
    assertEquals(List.of("after"), log.stream().map(s -> s.substring(0, s.indexOf('@'))).toList());
  }

  @Test
  void aPausedExecutorQueuesUntilResumedAndTheContinuationRunsFirst() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    SerialExecutor ex = executor();
    ex.offer(() -> {
      log.add("start");
      ex.pause();
    });
    ex.offer(new Step("next", log, true));
    ex.execute(new Step("later", log, false));
    // Once the pool's drain has returned, the pause stopped it: nothing else ran, and the resume below starts anew.
    assertTrue(poolJobsDone.tryAcquire(30, TimeUnit.SECONDS));
    assertEquals(List.of("start"), log);
    ex.resume(new Step("continuation", log, true), true);
    assertTrue(ex.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
    assertEquals(List.of("start", "continuation@here", "next@here", "later@pool"), log);
  }

  @Test
  void aTaskThatFindsItMustBlockRunsAgainOnThePool() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    SerialExecutor ex = executor();
    CountDownLatch afterOffered = new CountDownLatch(1);
    Step blocking = new Step("blocking", log, false);
    ex.offer(new QuickOnce(() -> {
      log.add(Thread.currentThread().getName().startsWith("pool") ? "judged@pool" : "judged@here");
      ex.requeue(() -> {
        blocking.run();
        await(afterOffered);
      });
    }));
    // The blocking task holds the pool until "after" is queued behind it, so "after" follows it there; offered
    // once the executor is idle again, it would rightly run here.
    ex.offer(new Step("after", log, true));
    afterOffered.countDown();
    assertTrue(ex.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
    assertEquals(List.of("judged@here", "blocking@pool", "after@pool"), log);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(30, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A task the executor's predicate accepts to run here. */
  private record QuickOnce(Runnable body) implements Runnable {
    @Override
    public void run() {
      body.run();
    }
  }

  @Test
  void aResumeBeforeThePausingTaskReturnsIsNotLostNorRunTwice() throws Exception {
    for (int round = 0; round < 200; round++) {
      List<String> log = new CopyOnWriteArrayList<>();
      SerialExecutor ex = executor();
      CountDownLatch resumed = new CountDownLatch(1);
      ex.execute(() -> {
        ex.pause();
        pool.execute(() -> {
          ex.resume(() -> log.add("continuation"), false);
          resumed.countDown();
        });
        log.add("pausing");
      });
      ex.offer(new Step("after", log, true));
      assertTrue(resumed.await(30, TimeUnit.SECONDS));
      assertTrue(ex.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
      assertEquals(List.of("pausing", "continuation", "after"), log.stream().map(s -> s.split("@")[0]).toList());
    }
  }
}
