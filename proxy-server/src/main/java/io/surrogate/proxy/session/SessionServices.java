package io.surrogate.proxy.session;

import io.surrogate.proxy.EngineConnections;
import io.surrogate.proxy.ProxyConfig;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every session of one server shares: configuration, the engine, the registry of live sessions, a timer
 * for statement timeouts and the pool that runs blocking JDBC work.
 */
public record SessionServices(ProxyConfig config, EngineConnections engine, SessionRegistry registry,
    ScheduledExecutorService timer, Executor workers, SecureRandom random) {
}
