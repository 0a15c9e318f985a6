package io.surrogate.driver.internal;

import io.surrogate.catalog.Policy;
import io.surrogate.catalog.PolicyException;
import io.surrogate.catalog.PolicyLoader;
import io.surrogate.catalog.SqlState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The engines of this JVM, one per {@link DriverConfig.EngineKey}, reference-counted by connections.
 * An engine whose last connection closed lingers for {@link #IDLE_CLOSE} so that connection-per-query
 * clients keep its pool and caches; it is closed only if nobody acquires it meanwhile.
 */
public final class Engines {
  static final Duration IDLE_CLOSE = Duration.ofSeconds(30);

  private static final Map<DriverConfig.EngineKey, Engine> ENGINES = new HashMap<>();
  private static final Map<Engine, ScheduledFuture<?>> CLOSING = new HashMap<>();
  private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "surrogate-engine-closer");
    t.setDaemon(true);
    return t;
  });

  private Engines() {
  }

  /** The engine for {@code config}, created on first use; pair with {@link #release(Engine)}. */
  static synchronized Engine acquire(DriverConfig config) throws SQLException {
    DriverConfig.EngineKey key = config.engineKey();
    Engine engine = ENGINES.get(key);
    if (engine == null) {
      engine = Engine.open(config, loadPolicy(config.policyPath()));
      ENGINES.put(key, engine);
    }
    ScheduledFuture<?> pending = CLOSING.remove(engine);
    if (pending != null) {
      pending.cancel(false);
    }
    engine.references++;
    return engine;
  }

  /** Drops one reference; the last one schedules the engine's close. */
  static synchronized void release(Engine engine) {
    if (--engine.references > 0) {
      return;
    }
    CLOSING.put(engine, CLOSER.schedule(() -> closeIfIdle(engine), IDLE_CLOSE.toMillis(), TimeUnit.MILLISECONDS));
  }

  private static void closeIfIdle(Engine engine) {
    synchronized (Engines.class) {
      CLOSING.remove(engine);
      if (engine.references > 0 || ENGINES.get(engine.key()) != engine) {
        return;
      }
      ENGINES.remove(engine.key());
    }
    engine.close();
  }

  /** Closes every idle engine now (tests and shutdown hooks); engines in use are kept. */
  public static void closeIdle() {
    Map<Engine, ScheduledFuture<?>> idle;
    synchronized (Engines.class) {
      idle = new HashMap<>(CLOSING);
    }
    for (var e : idle.entrySet()) {
      e.getValue().cancel(false);
      closeIfIdle(e.getKey());
    }
  }

  /** The policy at {@code path} (null: the defaults); 22023 when it cannot be read, 42P17 when it is invalid. */
  public static Policy loadPolicy(String path) throws SQLException {
    if (path == null) {
      return Policy.defaults();
    }
    Path file = Path.of(path);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw DriverConfig.invalid("policy", path, "a readable YAML policy file");
    }
    try {
      return PolicyLoader.load(file);
    } catch (PolicyException e) {
      throw SqlState.INVALID_OBJECT_DEFINITION.create(e.getMessage(), e);
    }
  }
}
