package io.surrogate.proxy.session;

import io.surrogate.proxy.codec.FrontendMessage.Bind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A prepared statement bound to parameter values by Bind, possibly suspended in the middle of its rows. */
final class Portal implements AutoCloseable {
  final PreparedQuery query;
  /** Values for each JDBC {@code ?}, already converted. */
  final Object[] values;
  final Bind bind;
  PreparedStatement statement;
  boolean ownsStatement;
  ResultSet resultSet;
  ResultColumns columns;
  boolean done;

  Portal(PreparedQuery query, Object[] values, Bind bind) {
    this.query = query;
    this.values = values;
    this.bind = bind;
  }

  /** Whether the portal holds no engine statement or result, so dropping it never waits on JDBC. */
  boolean holdsNothing() {
    return statement == null && resultSet == null;
  }

  /** Closes the open result and releases or closes the statement. */
  @Override
  public void close() {
    if (resultSet != null) {
      try {
        resultSet.close();
      } catch (SQLException e) {
        // The result is gone either way.
      }
      resultSet = null;
    }
    if (statement != null) {
      if (ownsStatement) {
        try {
          statement.close();
        } catch (SQLException e) {
          // The statement is gone either way.
        }
      } else {
        query.busy = false;
      }
      statement = null;
    }
  }
}
