package io.surrogate.proxy.session;

import io.surrogate.catalog.SqlState;
import io.surrogate.proxy.auth.ScramExchange;
import io.surrogate.proxy.codec.BackendMessage.AuthenticationOk;
import io.surrogate.proxy.codec.BackendMessage.AuthenticationSasl;
import io.surrogate.proxy.codec.BackendMessage.AuthenticationSaslData;
import io.surrogate.proxy.codec.BackendMessage.BackendKeyData;
import io.surrogate.proxy.codec.BackendMessage.ParameterStatus;
import io.surrogate.proxy.codec.BackendMessage.ReadyForQuery;
import io.surrogate.proxy.codec.FrontendMessage;
import io.surrogate.proxy.relay.ServedTwin;
import io.surrogate.proxy.relay.TwinLoginException;
import io.surrogate.proxy.relay.TwinSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The startup phase of one session: admission, SCRAM-SHA-256 (or trust on loopback), opening the engine
 * connection and the ParameterStatus / BackendKeyData / ReadyForQuery greeting. The answer to a login from an
 * address with failed logins waits as {@link io.surrogate.proxy.auth.AuthThrottle} says, on the event loop's
 * timer rather than a blocked thread.
 */
final class StartupFlow {
  private static final Logger LOG = LoggerFactory.getLogger(StartupFlow.class);

  /** Signals a FATAL error of the startup phase; the session sends it and closes. */
  static final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;
    final String sqlState;

    StartupException(String sqlState, String message) {
      super(message);
      this.sqlState = sqlState;
    }
  }

  private enum Step { AWAIT_STARTUP, AWAIT_SASL_INITIAL, AWAIT_SASL_FINAL, DONE }

  private final SessionServices services;
  private final Session session;
  private Step step = Step.AWAIT_STARTUP;
  private FrontendMessage.Startup startup;
  private String user;
  private ScramExchange exchange;

  StartupFlow(SessionServices services, Session session) {
    this.services = services;
    this.session = session;
  }

  /** The rest of the startup phase, run once an authentication answer has waited its delay. */
  @FunctionalInterface
  interface Continuation {
    SessionState run() throws StartupException;
  }

  /**
   * Handles one startup-phase message; returns the session state once the client is ready for queries, or null
   * while the exchange goes on or its answer waits (then {@link Session#answerLater} runs the rest).
   */
  SessionState handle(FrontendMessage message, SessionOutput out) throws StartupException {
    switch (step) {
      case AWAIT_STARTUP:
        if (!(message instanceof FrontendMessage.Startup s)) {
          throw new StartupException(SqlState.PROTOCOL_VIOLATION.code(), "expected a startup message, got "
              + name(message));
        }
        return onStartup(s, out);
      case AWAIT_SASL_INITIAL:
        return onSaslInitial(password(message), out);
      case AWAIT_SASL_FINAL:
        return onSaslFinal(password(message), out);
      default:
        throw new StartupException(SqlState.PROTOCOL_VIOLATION.code(), "unexpected " + name(message)
            + " after authentication");
    }
  }

  private static String name(FrontendMessage m) {
    return m.getClass().getSimpleName();
  }

  private static byte[] password(FrontendMessage message) throws StartupException {
    if (!(message instanceof FrontendMessage.Password p)) {
      throw new StartupException(SqlState.PROTOCOL_VIOLATION.code(), "expected a SASL response, got " + name(message));
    }
    return p.data();
  }

  private SessionState onStartup(FrontendMessage.Startup s, SessionOutput out) throws StartupException {
    startup = s;
    user = s.parameters().get("user");
    if (user == null || user.isEmpty()) {
      throw new StartupException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION.code(),
          "no PostgreSQL user name specified in startup packet");
    }
    if (!session.admit()) {
      throw new StartupException(SqlState.TOO_MANY_CONNECTIONS.code(),
          "sorry, too many clients already (max_connections: "
          + services.config().maxConnections() + ")");
    }
    if (services.config().trust()) {
      return complete(out, null);
    }
    exchange = new ScramExchange(services.config().users().get(user), services.random());
    out.write(new AuthenticationSasl(List.of(ScramExchange.MECHANISM)));
    out.flush();
    step = Step.AWAIT_SASL_INITIAL;
    return null;
  }

  private SessionState onSaslInitial(byte[] data, SessionOutput out) throws StartupException {
    ByteBuffer in = ByteBuffer.wrap(data);
    int end = 0;
    while (end < data.length && data[end] != 0) {
      end++;
    }
    if (end >= data.length || data.length < end + 5) {
      throw new StartupException(SqlState.PROTOCOL_VIOLATION.code(), "malformed SASLInitialResponse");
    }
    String mechanism = new String(data, 0, end, StandardCharsets.UTF_8);
    if (!mechanism.equals(ScramExchange.MECHANISM)) {
      throw new StartupException(SqlState.PROTOCOL_VIOLATION.code(),
          "client selected an invalid SASL authentication mechanism: '"
          + mechanism + "' (expected: " + ScramExchange.MECHANISM + ")");
    }
    int length = in.getInt(end + 1);
    if (length < 0 || length != data.length - end - 5) {
      throw new StartupException(SqlState.PROTOCOL_VIOLATION.code(), "malformed SASLInitialResponse: length " + length);
    }
    String clientFirst = new String(data, end + 5, length, StandardCharsets.UTF_8);
    try {
      out.write(new AuthenticationSaslData(false, exchange.serverFirst(clientFirst)));
    } catch (ScramExchange.ScramException e) {
      throw new StartupException(SqlState.PROTOCOL_VIOLATION.code(), e.getMessage());
    }
    out.flush();
    step = Step.AWAIT_SASL_FINAL;
    return null;
  }

  private SessionState onSaslFinal(byte[] data, SessionOutput out) throws StartupException {
    String serverFinal;
    try {
      serverFinal = exchange.serverFinal(new String(data, StandardCharsets.UTF_8));
    } catch (ScramExchange.ScramException e) {
      throw new StartupException(SqlState.PROTOCOL_VIOLATION.code(), e.getMessage());
    }
    var throttle = services.authThrottle();
    if (serverFinal == null) {
      Duration delay = throttle.failed(session.clientAddress());
      LOG.info("session {}: password authentication failed for user \"{}\" from {} ({} recent failures, answer "
          + "delayed {} ms)", session.processId(), user, session.clientAddress().getHostAddress(),
          throttle.recentFailures(session.clientAddress()), delay.toMillis());
      return later(delay, () -> {
        throw new StartupException(SqlState.INVALID_PASSWORD.code(), "password authentication failed for user \"" + user + "\"");
      });
    }
    return later(throttle.succeeded(session.clientAddress()), () -> complete(out, serverFinal));
  }

  private SessionState later(Duration delay, Continuation rest) throws StartupException {
    if (delay.isZero()) {
      return rest.run();
    }
    step = Step.DONE;
    session.answerLater(delay, rest);
    return null;
  }

  /**
   * Logs the session in to the twin with the client's startup parameters (and the server's timeouts), greets the
   * client with the twin's parameters and the proxy's own cancel key, and turns the session into a relay.
   */
  private void relay(SessionOutput out, String serverFinal) throws StartupException {
    Map<String, String> settings = new LinkedHashMap<>(startup.parameters());
    if (settings.containsKey("replication")) {
      throw new StartupException(SqlState.FEATURE_NOT_SUPPORTED.code(),
          "replication connections are not served (expected: a normal session)");
    }
    long statementTimeout = services.config().statementTimeout().toMillis();
    if (statementTimeout > 0) {
      settings.putIfAbsent("statement_timeout", Long.toString(statementTimeout));
    }
    long idle = services.config().idleTimeout().toMillis();
    if (idle > 0) {
      settings.putIfAbsent("idle_session_timeout", Long.toString(idle));
    }
    ServedTwin.Target target;
    try {
      target = services.twin().target(startup.parameters().get("database"));
    } catch (SQLException e) {
      throw new StartupException(e.getSQLState() == null ? SqlState.CONNECTION_FAILURE.code() : e.getSQLState(),
          e.getMessage());
    }
    if (target.ephemeral() != null) {
      String db = target.ephemeral();
      ServedTwin served = services.twin();
      session.channel().closeFuture().addListener(f -> CompletableFuture.runAsync(
          () -> served.dropEphemeral(db)));
    }
    TwinSession twin;
    try {
      twin = TwinSession.open(session.channel(), target.endpoint(), settings, services.random())
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TwinLoginException t) {
        throw new StartupException(t.sqlState(), t.getMessage());
      }
      throw new StartupException(SqlState.CONNECTION_FAILED.code(), "cannot reach the twin: " + cause.getMessage());
    } catch (TimeoutException e) {
      throw new StartupException(SqlState.CONNECTION_FAILED.code(), "the twin did not answer the login in 30 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException(SqlState.CONNECTION_FAILED.code(), "the login to the twin was interrupted");
    }
    if (serverFinal != null) {
      out.write(new AuthenticationSaslData(true, serverFinal));
    }
    out.write(new AuthenticationOk());
    for (Map.Entry<String, String> p : twin.greeting().parameters()) {
      out.write(new ParameterStatus(p.getKey(), p.getValue()));
    }
    out.write(new BackendKeyData(session.processId(), session.secretKey()));
    out.flush();
    step = Step.DONE;
    session.startRelay(twin);
    out.write(new ReadyForQuery(twin.greeting().status()));
    out.flush();
  }

  private static String servedSchema(Connection connection) {
    try {
      return connection.getSchema();
    } catch (SQLException e) {
      return null;
    }
  }

  private SessionState complete(SessionOutput out, String serverFinal) throws StartupException {
    if (services.twin() != null) {
      relay(out, serverFinal);
      return null;
    }
    Map<String, String> params = startup.parameters();
    String database = params.getOrDefault("database", user);
    Connection connection;
    try {
      connection = services.engine().open(user, database);
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? SqlState.CONNECTION_FAILURE.code() : e.getSQLState();
      throw new StartupException(state, "cannot open the Surrogate engine: " + e.getMessage());
    }
    if (serverFinal != null) {
      out.write(new AuthenticationSaslData(true, serverFinal));
    }
    out.write(new AuthenticationOk());
    SessionSettings settings = new SessionSettings(services.config().serverVersion(), user, params,
        servedSchema(connection));
    for (String name : SessionSettings.REPORTED) {
      try {
        out.write(new ParameterStatus(name, settings.get(name)));
      } catch (SQLException e) {
        throw new IllegalStateException("reported parameter without a value: " + name, e);
      }
    }
    out.write(new BackendKeyData(session.processId(), session.secretKey()));
    out.write(new ReadyForQuery('I'));
    out.flush();
    step = Step.DONE;
    return new SessionState(services, out, connection, settings, user, database, session.processId());
  }
}
