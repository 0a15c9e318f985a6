package io.surrogate.driver.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;

/** Prepared Calcite signatures of one engine, keyed as {@link CachingPrepare} explains, with counters. */
public final class PlanCache {
  static final int MAX_PLANS = 2_000;

  private final Cache<Key, Entry> plans =
      Caffeine.newBuilder().maximumSize(MAX_PLANS).build();
  private final AtomicLong planned = new AtomicLong();
  private final AtomicLong hits = new AtomicLong();

  Entry get(Key key) {
    Entry e = plans.getIfPresent(key);
    if (e != null) {
      hits.incrementAndGet();
    }
    return e;
  }

  void put(Key key, Entry entry) {
    plans.put(key, entry);
  }

  void remove(Key key) {
    plans.invalidate(key);
  }

  void recordPlanning() {
    planned.incrementAndGet();
  }

  void clear() {
    plans.invalidateAll();
  }

  /** How many statements were parsed, validated and planned (cache misses). */
  public long plannedCount() {
    return planned.get();
  }

  /** How many prepares were answered from the cache. */
  public long hitCount() {
    return hits.get();
  }

  /** Names of the root's sub-schemas and functions: the part of a connection that plans depend on. */
  static String extensions(CalciteSchema root) {
    return new TreeSet<>(root.getSubSchemaMap().keySet()) + "|" + new TreeSet<>(root.getFunctionNames());
  }

  /**
   * One cached plan.
   *
   * @param signature Calcite's prepared signature
   * @param direct the plan's pushed-down form, or null when it does not qualify
   */
  record Entry(CalcitePrepare.CalciteSignature<?> signature, DirectPlan direct) {
  }

  /**
   * Identity of one plan.
   *
   * @param sql statement text
   * @param schemaPath default schema path
   * @param maxRowCount row limit of the statement
   * @param elementType element type requested by Avatica
   * @param extensions {@link #extensions(CalciteSchema)} of the connection
   */
  record Key(String sql, List<String> schemaPath, long maxRowCount, String elementType, String extensions) {
  }
}
