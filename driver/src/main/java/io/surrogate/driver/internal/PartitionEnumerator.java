package io.surrogate.driver.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Walks a synthetic table partition by partition. Cached partitions are read in place; missing ones are
 * synthesized on the pool a few partitions ahead of the reader, which is what makes a cold full scan
 * parallel while the rows still come out in partition order.
 */
final class PartitionEnumerator implements Enumerator<Object[]> {
  private static final ColumnarPartition EMPTY =
      ColumnarPartition.allocate(0, new ColumnarPartition.Store[0]);
  private final SyntheticTable.Scan scan;
  private final int partitions;
  private final int lookahead;
  private final ArrayDeque<CompletableFuture<ColumnarPartition>> ahead = new ArrayDeque<>();
  private int nextToRequest;
  private ColumnarPartition rows = EMPTY;
  private int index = -1;
  private Object[] current;
  private boolean closed;

  PartitionEnumerator(SyntheticTable.Scan scan, int lookahead) {
    this.scan = scan;
    this.partitions = scan.partitionCount();
    this.lookahead = Math.max(1, lookahead);
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
    try {
      rows = ahead.poll().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    index = -1;
    return true;
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
