package io.surrogate.proxy.session;

import io.surrogate.catalog.SqlState;
import io.surrogate.proxy.codec.BackendMessage.CommandComplete;
import io.surrogate.proxy.codec.BackendMessage.Empty;
import io.surrogate.proxy.codec.BackendMessage.ParameterDescription;
import io.surrogate.proxy.codec.BackendMessage.RowDescription;
import io.surrogate.proxy.codec.FrontendMessage;
import io.surrogate.proxy.types.ParameterDecoder;
import io.surrogate.proxy.types.PgType;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

/** Named and unnamed statements and portals of the extended query protocol. */
final class ExtendedProtocol {
  private final SessionState state;
  private final Map<String, PreparedQuery> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();

  ExtendedProtocol(SessionState state) {
    this.state = state;
  }

  void parse(FrontendMessage.Parse parse) throws SQLException {
    String name = parse.statement();
    if (!name.isEmpty() && statements.containsKey(name)) {
      throw SqlState.DUPLICATE_PREPARED_STATEMENT.create("prepared statement \"" + name + "\" already exists");
    }
    PreparedQuery query = PreparedQuery.prepare(parse.sql(), parse.parameterTypes(), state);
    PreparedQuery old = statements.put(name, query);
    if (old != null) {
      old.close();
    }
    state.out.write(Empty.PARSE_COMPLETE);
  }

  void bind(FrontendMessage.Bind bind) throws SQLException {
    PreparedQuery query = statement(bind.statement());
    int expected = query.parameterTypes.length;
    if (bind.parameterValues().length != expected) {
      throw SqlState.PROTOCOL_VIOLATION.create("bind message supplies " + bind.parameterValues().length
          + " parameters, but prepared statement \"" + bind.statement() + "\" requires " + expected);
    }
    Object[] pgValues = new Object[expected];
    for (int k = 0; k < expected; k++) {
      PgType type = typeOf(query.parameterTypes[k]);
      pgValues[k] = ParameterDecoder.decode(type, bind.parameterFormat(k) == 1, bind.parameterValues()[k]);
    }
    int[] mapping = query.placeholders.jdbcToPg();
    Object[] values = new Object[mapping.length];
    for (int i = 0; i < mapping.length; i++) {
      values[i] = coerce(pgValues[mapping[i]], typeOf(query.parameterTypes[mapping[i]]), query.jdbcTypes[i]);
    }
    String name = bind.portal();
    if (!name.isEmpty() && portals.containsKey(name)) {
      throw SqlState.DUPLICATE_CURSOR.create("portal \"" + name + "\" already exists");
    }
    Portal old = portals.put(name, new Portal(query, values, bind));
    if (old != null) {
      old.close();
    }
    state.out.write(Empty.BIND_COMPLETE);
  }

  private static PgType typeOf(int oid) {
    PgType t = PgType.ofOid(oid);
    return t == null ? PgType.TEXT : t;
  }

  /** Converts a string sent as text/varchar to the type the engine expects, as PostgreSQL's unknown does. */
  private static Object coerce(Object value, PgType sent, int jdbcType) throws SQLException {
    if (!(value instanceof String s) || !sent.isText() || jdbcType == Types.OTHER) {
      return value;
    }
    PgType target = PgType.ofJdbc(jdbcType, null);
    if (target.isText()) {
      return value;
    }
    return ParameterDecoder.decode(target, false, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  void describe(FrontendMessage.Describe describe) throws SQLException {
    if (describe.kind() == 'S') {
      PreparedQuery query = statement(describe.name());
      state.out.write(new ParameterDescription(query.parameterTypes.clone()));
      writeDescription(query, null);
    } else {
      Portal portal = portal(describe.name());
      writeDescription(portal.query, portal);
    }
  }

  private void writeDescription(PreparedQuery query, Portal portal) throws SQLException {
    if (!(query.command instanceof Command.Engine)) {
      RowDescription rd = LocalCommands.describe(query.command);
      state.out.write(rd == null ? Empty.NO_DATA : rd);
      return;
    }
    ResultSetMetaData md = portal != null && portal.resultSet != null ? portal.resultSet.getMetaData()
        : query.statement.getMetaData();
    if (md == null || md.getColumnCount() == 0) {
      state.out.write(Empty.NO_DATA);
      return;
    }
    FrontendMessage.Bind bind = portal == null ? null : portal.bind;
    state.out.write(ResultColumns.of(md, i -> bind == null ? 0 : bind.resultFormat(i)).description());
  }

  /**
   * Runs {@code execute}, or returns its portal untouched when the execution should pass through to the source's
   * protocol (the session starts that, and calls {@link #executeOnEngine} if it falls back).
   */
  Portal execute(FrontendMessage.Execute execute) throws SQLException {
    Portal portal = portal(execute.portal());
    Command command = portal.query.command;
    if (state.transaction.isFailed() && !command.endsTransaction()) {
      throw Transaction.abortedError();
    }
    if (command instanceof Command.Empty) {
      state.out.write(Empty.EMPTY_QUERY_RESPONSE);
      return null;
    }
    if (!(command instanceof Command.Engine)) {
      LocalCommands.run(command, state, false);
      return null;
    }
    if (portal.done) {
      state.out.write(new CommandComplete("SELECT 0"));
      return null;
    }
    if (passesThrough(portal, execute.maxRows())) {
      return portal;
    }
    executeOnEngine(portal, execute.maxRows());
    return null;
  }

  private boolean passesThrough(Portal portal, int maxRows) {
    PreparedQuery query = portal.query;
    // A row limit needs a portal that outlives the source's Sync, so such executions stay on the engine.
    return query.passThrough != null && !query.passThroughRejected && maxRows == 0 && portal.holdsNothing()
        && state.services.passThrough().available();
  }

  /** Whether {@code bind} is quick: its statement passes through and it replaces no portal holding JDBC. */
  boolean bindIsQuick(FrontendMessage.Bind bind) {
    PreparedQuery query = statements.get(bind.statement());
    Portal old = portals.get(bind.portal());
    return query != null && query.passThrough != null && !query.passThroughRejected
        && (old == null || old.holdsNothing());
  }

  /** Whether {@code execute} only starts a pass-through (or answers from the portal's state). */
  boolean executeIsQuick(FrontendMessage.Execute execute) {
    Portal portal = portals.get(execute.portal());
    return portal != null && !state.transaction.isFailed() && portal.query.command instanceof Command.Engine
        && !portal.done && passesThrough(portal, execute.maxRows());
  }

  /** Whether every portal holds nothing, so a Sync that drops them is quick. */
  boolean portalsHoldNothing() {
    for (Portal p : portals.values()) {
      if (!p.holdsNothing()) {
        return false;
      }
    }
    return true;
  }

  /** Runs the portal on the engine connection. */
  void executeOnEngine(Portal portal, int maxRows) throws SQLException {
    state.runner.guarded(openStatement(portal), () -> {
      executePortal(portal, maxRows);
      return null;
    });
  }

  private PreparedStatement openStatement(Portal portal) throws SQLException {
    if (portal.statement != null) {
      return portal.statement;
    }
    PreparedQuery query = portal.query;
    if (query.busy) {
      portal.statement = state.runner.guardedPrepare(() -> state.connection.prepareStatement(query.placeholders.sql()));
      portal.ownsStatement = true;
    } else {
      portal.statement = query.statement;
      query.busy = true;
    }
    return portal.statement;
  }

  private void executePortal(Portal portal, int maxRows) throws SQLException {
    if (portal.resultSet == null) {
      PreparedStatement ps = portal.statement;
      for (int i = 0; i < portal.values.length; i++) {
        Object v = portal.values[i];
        if (v == null) {
          int type = portal.query.jdbcTypes[i];
          ps.setNull(i + 1, type == Types.OTHER ? Types.VARCHAR : type);
        } else {
          ps.setObject(i + 1, v);
        }
      }
      ps.setFetchSize(maxRows > 0 ? Math.min(maxRows, state.services.config().fetchSize())
          : state.services.config().fetchSize());
      if (!ps.execute()) {
        state.out.write(new CommandComplete(EngineRunner.tag(portal.query.sql, ps.getUpdateCount())));
        finish(portal);
        return;
      }
      portal.resultSet = ps.getResultSet();
      portal.columns = portal.query.columns(portal.resultSet, portal.bind::resultFormat);
    }
    long rows = state.runner.stream(portal.resultSet, portal.columns, maxRows);
    if (maxRows > 0 && rows == maxRows) {
      state.out.write(Empty.PORTAL_SUSPENDED);
      return;
    }
    state.out.write(new CommandComplete("SELECT " + rows));
    finish(portal);
  }

  private static void finish(Portal portal) {
    portal.close();
    portal.done = true;
  }

  void close(FrontendMessage.Close close) {
    if (close.kind() == 'S') {
      PreparedQuery query = statements.remove(close.name());
      if (query != null) {
        portals.values().removeIf(p -> {
          if (p.query == query) {
            p.close();
            return true;
          }
          return false;
        });
        query.close();
      }
    } else {
      Portal portal = portals.remove(close.name());
      if (portal != null) {
        portal.close();
      }
    }
    state.out.write(Empty.CLOSE_COMPLETE);
  }

  /** Drops every portal, as PostgreSQL does when a transaction ends. */
  void closePortals() {
    portals.values().forEach(Portal::close);
    portals.clear();
  }

  /** Drops everything at the end of the session. */
  void closeAll() {
    closePortals();
    statements.values().forEach(PreparedQuery::close);
    statements.clear();
  }

  private PreparedQuery statement(String name) throws SQLException {
    PreparedQuery q = statements.get(name);
    if (q == null) {
      throw SqlState.INVALID_SQL_STATEMENT_NAME.create("prepared statement \"" + name + "\" does not exist");
    }
    return q;
  }

  private Portal portal(String name) throws SQLException {
    Portal p = portals.get(name);
    if (p == null) {
      throw SqlState.INVALID_CURSOR_NAME.create("portal \"" + name + "\" does not exist");
    }
    return p;
  }
}
