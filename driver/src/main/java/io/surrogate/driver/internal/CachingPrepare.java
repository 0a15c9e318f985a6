package io.surrogate.driver.internal;

import java.lang.reflect.Type;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.runtime.Hook;

/**
 * Calcite's preparer with Surrogate's two additions: the {@link StatementGuard} refuses writes before
 * planning, and finished plans are cached per engine by SQL text.
 *
 * <p>Design note. A {@code CalciteSignature} holds the generated, compiled plan ({@code Bindable})
 * plus the root schema its {@code DataContext} is built on. The compiled code looks tables up through
 * that root at run time and never embeds rows, and a synthetic table resolves its model version when
 * it is scanned, so a plan stays valid across connections of one engine and across retrainings. On a
 * hit the cached signature is rebound to the asking connection's root schema (a new signature that
 * delegates to the cached {@code Bindable}), so per-connection metadata schemas are honoured. The key
 * is the SQL text, the default schema path, the row limit and the names of the connection's
 * sub-schemas and functions (those the proxy adds); parameter types are derived from the SQL text, so
 * the text determines them. Only SELECT-like plans are cached; the cache is cleared when the source's
 * table list is refreshed. A plan Calcite pushed whole into the source also yields its {@link DirectPlan},
 * offered to the statement being prepared.
 *
 * <p>A cancel stops planning: the planner gets the statement's planning flag ({@link StatementCancel}) as its
 * {@code CancelFlag} and checks it between rule firings, and the flag is checked again once planning is done, so a
 * statement cancelled while it was planned never starts to run.
 */
final class CachingPrepare extends CalcitePrepareImpl {
  private static final Pattern PG_EXPLAIN =
      Pattern.compile("(?is)\\s*explain\\s+(?:(?:analyze|verbose)\\s+)*((?:select|with|values)\\b.*)");
  private final Engine engine;

  CachingPrepare(Engine engine) {
    this.engine = engine;
  }

  @Override
  public <T> CalciteSignature<T> prepareSql(CalcitePrepare.Context context, Query<T> query0, Type elementType,
      long maxRowCount) {
    StatementCancel.checkPlanning();
    CalciteSignature<T> signature = prepareCached(context, query0, elementType, maxRowCount);
    StatementCancel.checkPlanning();
    return signature;
  }

  @Override
  protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext, RelOptCostFactory costFactory) {
    java.util.concurrent.atomic.AtomicBoolean flag = StatementCancel.planningFlag();
    org.apache.calcite.plan.Context context = externalContext;
    if (context == null && flag != null) {
      context = Contexts.of(prepareContext.config(), new org.apache.calcite.util.CancelFlag(flag));
    }
    return super.createPlanner(prepareContext, context, costFactory);
  }

  private <T> CalciteSignature<T> prepareCached(CalcitePrepare.Context context, Query<T> query0, Type elementType,
      long maxRowCount) {
    if (query0.sql == null) {
      return super.prepareSql(context, query0, elementType, maxRowCount);
    }
    DirectPlan.offer(null);
    String sql = StatementText.withoutTerminator(query0.sql);
    Query<T> query = explainAsPostgres(sql.equals(query0.sql) ? query0 : Query.of(sql));
    CalciteSchema root = context.getRootSchema();
    PlanCache.Key key = new PlanCache.Key(query.sql, context.getDefaultSchemaPath(), maxRowCount,
        String.valueOf(elementType), PlanCache.extensions(root));
    PlanCache.Entry cached = engine.plans().get(key);
    if (cached != null) {
      DirectPlan.offer(cached.direct());
      @SuppressWarnings("unchecked")
      CalciteSignature<T> signature = (CalciteSignature<T>) cached.signature();
      return rebind(signature, root, maxRowCount, key);
    }
    engine.guard().check(query.sql, engine.parserConfig());
    exactTableNames(root);
    RelRoot[] optimized = new RelRoot[1];
    CalciteSignature<T> planned;
    try (Hook.Closeable ignored = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread((RelRoot r) -> optimized[0] = r)) {
      planned = super.prepareSql(context, query, elementType, maxRowCount);
    }
    engine.plans().recordPlanning();
    if (planned.statementType != Meta.StatementType.SELECT) {
      return planned;
    }
    planned = withColumns(planned, PostgresLabels.relabel(query.sql, engine.parserConfig(), planned.columns),
        maxRowCount);
    DirectPlan direct = optimized[0] == null ? null
        : DirectPlan.of(optimized[0], planned.parameters, planned.columns, engine.policy());
    engine.plans().put(key, new PlanCache.Entry(planned, direct));
    DirectPlan.offer(direct);
    return rebind(planned, root, maxRowCount, key);
  }

  /**
   * Switches off the table cache of the source schema in this statement's snapshot of the root: that cache
   * answers Calcite's case-insensitive lookup with the first name that matches ignoring case, so
   * {@code "DEPARTMENTS"} could reach {@code departments} and the reverse. {@link SourceSchema}'s own lookup is
   * exact (Calcite has already folded unquoted names) and cached. Only existing lookups are switched, hence
   * {@code tables()} first.
   */
  private void exactTableNames(CalciteSchema root) {
    CalciteSchema source = root.getSubSchema(engine.schemaName(), true);
    if (source != null && source.schema instanceof SourceSchema) {
      source.tables();
      try {
        source.setCache(false);
      } catch (UnsupportedOperationException uncached) {
        // A schema without a cache already looks tables up through SourceSchema's exact lookup.
      }
    }
  }

  /**
   * PostgreSQL's {@code EXPLAIN [ANALYZE] [VERBOSE] query} as Calcite's {@code EXPLAIN PLAN FOR query}: the plan
   * only (ANALYZE never runs the query here, so it cannot report timings that depend on data).
   */
  static <T> Query<T> explainAsPostgres(Query<T> query) {
    Matcher m = PG_EXPLAIN.matcher(query.sql);
    return m.matches() ? Query.of("EXPLAIN PLAN FOR " + m.group(1)) : query;
  }

  /** {@code s} with other result column descriptions (same plan). */
  private static <T> CalciteSignature<T> withColumns(CalciteSignature<T> s, List<ColumnMetaData> columns,
      long maxRowCount) {
    if (columns == s.columns) {
      return s;
    }
    return new CalciteSignature<>(s.sql, s.parameters, s.internalParameters, s.rowType, columns,
        s.cursorFactory, s.rootSchema, s.getCollationList(), maxRowCount, s::enumerable, s.statementType);
  }

  /**
   * A signature running {@code s}'s compiled plan against {@code root}, with a {@link RowTap} on array rows. A plan
   * whose generated class failed to initialise (a constant such as {@code 1/0} is computed in a static
   * initializer) can never run again, so it leaves the cache and the next execution plans afresh and fails with
   * the real error instead of "could not initialize class".
   */
  private <T> CalciteSignature<T> rebind(CalciteSignature<T> s, CalciteSchema root, long maxRowCount,
      PlanCache.Key key) {
    boolean arrays = s.cursorFactory != null && s.cursorFactory.style == Meta.Style.ARRAY;
    Bindable<T> enumerable = dc -> {
      Enumerable<T> e = evictingOnLinkageError(s.enumerable(dc), key);
      return arrays ? RowTap.capture(e) : e;
    };
    return new CalciteSignature<>(s.sql, s.parameters, s.internalParameters, s.rowType, s.columns,
        s.cursorFactory, root, s.getCollationList(), maxRowCount, enumerable, s.statementType);
  }

  private <T> Enumerable<T> evictingOnLinkageError(Enumerable<T> e, PlanCache.Key key) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<T> enumerator() {
        try {
          return new EvictingEnumerator<>(e.enumerator(), () -> engine.plans().remove(key));
        } catch (LinkageError error) {
          engine.plans().remove(key);
          throw error;
        }
      }
    };
  }

  /** Delegates to an enumerator and runs {@code evict} when the generated code fails to link or initialise. */
  private record EvictingEnumerator<T>(Enumerator<T> target, Runnable evict) implements Enumerator<T> {
    @Override
    public T current() {
      try {
        return target.current();
      } catch (LinkageError error) {
        evict.run();
        throw error;
      }
    }

    @Override
    public boolean moveNext() {
      try {
        return target.moveNext();
      } catch (LinkageError error) {
        evict.run();
        throw error;
      }
    }

    @Override
    public void reset() {
      target.reset();
    }

    @Override
    public void close() {
      target.close();
    }
  }
}
