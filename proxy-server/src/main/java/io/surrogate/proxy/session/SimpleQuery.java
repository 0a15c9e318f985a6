package io.surrogate.proxy.session;

import io.surrogate.proxy.codec.BackendMessage.Empty;
import java.sql.SQLException;
import java.util.List;

/** The simple query protocol: each statement of the message in turn, stopping at the first error. */
final class SimpleQuery {
  private final SessionState state;

  SimpleQuery(SessionState state) {
    this.state = state;
  }

  /** Runs every statement; an error is reported and ends the message (ReadyForQuery is the caller's). */
  void run(String sql) {
    List<String> statements = SqlText.split(sql);
    if (statements.isEmpty()) {
      state.out.write(Empty.EMPTY_QUERY_RESPONSE);
      return;
    }
    for (String statement : statements) {
      try {
        runOne(statement);
      } catch (SQLException e) {
        state.out.write(Errors.of(e));
        state.transaction.fail();
        return;
      } catch (RuntimeException e) {
        state.out.write(Errors.internal(e));
        state.transaction.fail();
        return;
      } catch (Error e) {
        // Out of memory above all: the client still gets an answer and the session its next statement.
        state.out.write(Errors.of(e));
        state.transaction.fail();
        return;
      }
    }
  }

  private void runOne(String statement) throws SQLException {
    Command command = Commands.classify(statement);
    if (state.transaction.isFailed() && !command.endsTransaction()) {
      throw Transaction.abortedError();
    }
    if (command instanceof Command.Engine engine) {
      state.runner.runSimple(engine.sql());
    } else if (command instanceof Command.Empty) {
      state.out.write(Empty.EMPTY_QUERY_RESPONSE);
    } else {
      LocalCommands.run(command, state, true);
    }
  }
}
