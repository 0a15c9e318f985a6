package io.surrogate.driver.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Synthesized partitions ({@link ColumnarPartition}s of Calcite's internal values), bounded by their bytes.
 * Keys carry the model version and seed, so a retrained table never sees its old rows; old entries age out.
 */
final class PartitionCache {
  private final Cache<Key, ColumnarPartition> cache;
  private final Executor executor;

  /** @param maxBytes bound of the cache; 0 keeps nothing (every scan synthesizes again) */
  PartitionCache(long maxBytes, Executor executor) {
    this.executor = executor;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((Key k, ColumnarPartition rows) -> (int) Math.min(Integer.MAX_VALUE, rows.bytes()))
        .executor(executor)
        .build();
  }

  /** The partition if cached, else null. */
  ColumnarPartition getIfPresent(Key key) {
    return cache.getIfPresent(key);
  }

  /** The partition, synthesizing it on this thread when missing (concurrent callers wait for one load). */
  ColumnarPartition get(Key key, Supplier<ColumnarPartition> loader) {
    return cache.get(key, k -> loader.get());
  }

  /** The partition, synthesized on the pool when missing, so several partitions fill in parallel. */
  CompletableFuture<ColumnarPartition> getAsync(Key key, Supplier<ColumnarPartition> loader) {
    ColumnarPartition present = cache.getIfPresent(key);
    if (present != null) {
      return CompletableFuture.completedFuture(present);
    }
    return CompletableFuture.supplyAsync(() -> get(key, loader), executor);
  }

  void invalidateTable(String table) {
    cache.asMap().keySet().removeIf(k -> k.table().equals(table));
  }

  long estimatedBytes() {
    return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
  }

  /**
   * Identity of one partition.
   *
   * @param table table name as the source spells it
   * @param version model version
   * @param seed serving seed
   * @param variant the parents a child table was laid out on ({@link ServingModel#variant()})
   * @param partition partition index
   */
  record Key(String table, int version, long seed, long variant, int partition) {
  }
}
