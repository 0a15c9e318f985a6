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

  private final Cache<Key, CalcitePrepare.CalciteSignature<?>> plans =
      Caffeine.newBuilder().maximumSize(MAX_PLANS).build();
  private final AtomicLong planned = new AtomicLong();
  private final AtomicLong hits = new AtomicLong();

  CalcitePrepare.CalciteSignature<?> get(Key key) {
    CalcitePrepare.CalciteSignature<?> s = plans.getIfPresent(key);
    if (s != null) {
      hits.incrementAndGet();
    }
    return s;
  }

  void put(Key key, CalcitePrepare.CalciteSignature<?> signature) {
    plans.put(key, signature);
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
