package io.surrogate.proxy.session;

import io.surrogate.proxy.EngineConnections;
import io.surrogate.proxy.ProxyConfig;
import io.surrogate.proxy.auth.AuthThrottle;
import io.surrogate.proxy.relay.ServedTwin;
import io.surrogate.proxy.source.PassThrough;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every session of one server shares: configuration, the engine, the registry of live sessions, a timer
 * for statement timeouts, the pool that runs blocking JDBC work and, for a PostgreSQL source, the protocol path
 * for pushed-down statements ({@code passThrough}, null when there is none), the delays of failed logins and the
 * synthetic twin that sessions are relayed to ({@code twin}, null when they run on the engine).
 */
public record SessionServices(ProxyConfig config, EngineConnections engine, SessionRegistry registry,
    ScheduledExecutorService timer, Executor workers, SecureRandom random, PassThrough passThrough,
    AuthThrottle authThrottle, ServedTwin twin) {
}
