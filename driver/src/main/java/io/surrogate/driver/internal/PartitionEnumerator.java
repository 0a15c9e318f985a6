package io.surrogate.driver.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Walks a synthetic table partition by partition. Cached partitions are read in place; missing ones are
 * synthesized on the pool a few partitions ahead of the reader, which is what makes a cold full scan
 * parallel while the rows still come out in partition order. Every row and every wait checks the execution's
 * cancel flag: Calcite's joins and aggregates pull their rows through here, so a cancelled statement stops within
 * a row of its scans.
 */
final class PartitionEnumerator implements Enumerator<Object[]> {
  private static final ColumnarPartition EMPTY =
      ColumnarPartition.allocate(0, new ColumnarPartition.Store[0]);
  private final SyntheticTable.Scan scan;
  private final int partitions;
  private final int lookahead;
  private final AtomicBoolean cancel;
  private final ArrayDeque<CompletableFuture<ColumnarPartition>> ahead = new ArrayDeque<>();
  private int nextToRequest;
  private ColumnarPartition rows = EMPTY;
  private int index = -1;
  private Object[] current;
  private boolean closed;

  PartitionEnumerator(SyntheticTable.Scan scan, int lookahead, AtomicBoolean cancel) {
    this.scan = scan;
    this.partitions = scan.partitionCount();
    this.lookahead = Math.max(1, lookahead);
    this.cancel = cancel;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    if (closed) {
      return false;
    }
    if (cancel.get()) {
      throw StatementCancel.canceled();
    }
    while (++index >= rows.rowCount()) {
      if (!nextPartition()) {
        return false;
      }
    }
    current = rows.row(index);
    return true;
  }

  private boolean nextPartition() {
    if (ahead.isEmpty() && nextToRequest >= partitions) {
      index = rows.rowCount();
      return false;
    }
    if (ahead.isEmpty()) {
      ColumnarPartition cached = scan.cached(nextToRequest);
      if (cached != null) {
        nextToRequest++;
        rows = cached;
        index = -1;
        return true;
      }
    }
    while (ahead.size() < lookahead && nextToRequest < partitions) {
      ahead.add(scan.load(nextToRequest++));
    }
    rows = await(ahead.poll());
    index = -1;
    return true;
  }

  /** Waits for a partition being synthesized, giving up when the execution is cancelled. */
  private ColumnarPartition await(CompletableFuture<ColumnarPartition> partition) {
    while (true) {
      if (cancel.get()) {
        throw StatementCancel.canceled();
      }
      try {
        return partition.get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // check the flag again
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw StatementCancel.canceled();
      }
    }
  }

  @Override
  public void reset() {
    ahead.clear();
    nextToRequest = 0;
    rows = EMPTY;
    index = -1;
  }

  @Override
  public void close() {
    closed = true;
    ahead.clear();
  }
}
