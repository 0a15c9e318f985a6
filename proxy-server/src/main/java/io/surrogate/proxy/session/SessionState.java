package io.surrogate.proxy.session;

import java.sql.Connection;

/** The state one authenticated session works on: its engine connection, settings and transaction. */
final class SessionState {
  final SessionServices services;
  final SessionOutput out;
  final Connection connection;
  final SessionSettings settings;
  final Transaction transaction = new Transaction();
  final String user;
  final String database;
  final int processId;
  final EngineRunner runner;

  SessionState(SessionServices services, SessionOutput out, Connection connection, SessionSettings settings,
      String user, String database, int processId) {
    this.services = services;
    this.out = out;
    this.connection = connection;
    this.settings = settings;
    this.user = user;
    this.database = database;
    this.processId = processId;
    this.runner = new EngineRunner(this);
  }

  /** Effective statement timeout: the session's statement_timeout if set, else the server's. */
  long statementTimeoutMillis() {
    long session = settings.statementTimeoutMillis();
    return session > 0 ? session : services.config().statementTimeout().toMillis();
  }
}
