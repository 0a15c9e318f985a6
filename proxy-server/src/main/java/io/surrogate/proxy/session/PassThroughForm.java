package io.surrogate.proxy.session;

import io.surrogate.driver.PushedDownQuery;
import io.surrogate.driver.SurrogateConnection;
import io.surrogate.proxy.source.PassThrough;
import io.surrogate.proxy.source.SourceSql;
import io.surrogate.proxy.source.SourceStatement;
import io.surrogate.proxy.types.PgType;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Optional;

/**
 * How a prepared statement runs on a PostgreSQL source's own protocol: the source statement, and for each of its
 * {@code $n} the client's parameter that supplies the value. Only statements the engine pushed whole into real
 * tables have one, and only when each parameter's type as the client binds it is the type the source SQL takes,
 * so the client's bytes mean the same to the source.
 *
 * @param statement the statement the source prepares
 * @param clientParameter for each source {@code $n} (0-based), the index of the client's parameter
 */
record PassThroughForm(SourceStatement statement, int[] clientParameter) {

  /** The form of {@code ps} (prepared on the session's engine connection), or null. */
  static PassThroughForm of(PreparedStatement ps, SqlText.Placeholders placeholders, int[] clientTypes,
      SessionState state) throws SQLException {
    PassThrough passThrough = state.services.passThrough();
    if (passThrough == null || !state.connection.isWrapperFor(SurrogateConnection.class)) {
      return null;
    }
    Optional<PushedDownQuery> pushed = state.connection.unwrap(SurrogateConnection.class).pushedDown(ps);
    if (pushed.isEmpty() || !pushed.get().sql().regionMatches(true, 0, "SELECT", 0, 6)) {
      return null;
    }
    PushedDownQuery q = pushed.get();
    int[] order = q.parameterOrder();
    int[] engineTypes = q.parameterTypes();
    String sql = SourceSql.numbered(q.sql(), order.length);
    int[] toClient = placeholders.jdbcToPg();
    if (sql == null) {
      return null;
    }
    int[] clientParameter = new int[order.length];
    int[] oids = new int[order.length];
    for (int k = 0; k < order.length; k++) {
      int engineIndex = order[k];
      if (engineIndex >= toClient.length || engineIndex >= engineTypes.length) {
        return null;
      }
      int client = toClient[engineIndex];
      int oid = PgType.ofJdbc(engineTypes[engineIndex], null).oid();
      if (client < 0 || client >= clientTypes.length || clientTypes[client] != oid) {
        return null;
      }
      clientParameter[k] = client;
      oids[k] = oid;
    }
    ResultSetMetaData md = ps.getMetaData();
    if (md == null || md.getColumnCount() == 0) {
      return null;
    }
    int[] columns = new int[md.getColumnCount()];
    for (int i = 0; i < columns.length; i++) {
      // The same mapping as the RowDescription the client gets (ResultColumns).
      columns[i] = PgType.ofJdbc(md.getColumnType(i + 1), md.getColumnTypeName(i + 1)).oid();
    }
    return new PassThroughForm(new SourceStatement(sql, oids, columns), clientParameter);
  }
}
