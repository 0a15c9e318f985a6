package io.surrogate.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Order, inline running, pause and resume of a session's executor. */
class SerialExecutorTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();

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
    return new SerialExecutor(pool, t -> t instanceof Step s && s.quick() || t instanceof QuickOnce);
  }

  @Test
  void quickTasksRunOnTheOfferingThreadAndOthersOnThePoolInOrder() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    SerialExecutor ex = executor();
    ex.offer(new Step("a", log, true));
    ex.offer(new Step("b", log, false));
    ex.offer(new Step("c", log, true));
    assertTrue(ex.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
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
    Thread.sleep(50);
    assertEquals(List.of("start"), log);
    ex.resume(new Step("continuation", log, true), true);
    assertTrue(ex.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
    assertEquals(List.of("start", "continuation@here", "next@here", "later@pool"), log);
  }

  @Test
  void aTaskThatFindsItMustBlockRunsAgainOnThePool() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    SerialExecutor ex = executor();
    ex.offer(new QuickOnce(() -> {
      log.add(Thread.currentThread().getName().startsWith("pool") ? "judged@pool" : "judged@here");
      ex.requeue(new Step("blocking", log, false));
    }));
    ex.offer(new Step("after", log, true));
    assertTrue(ex.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
    assertEquals(List.of("judged@here", "blocking@pool", "after@pool"), log);
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
      assertTrue(resumed.await(5, TimeUnit.SECONDS));
      assertTrue(ex.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
      assertEquals(List.of("pausing", "continuation", "after"), log.stream().map(s -> s.split("@")[0]).toList());
    }
  }
}
