package io.surrogate.proxy.session;

import io.surrogate.proxy.codec.BackendMessage.CommandComplete;
import io.surrogate.proxy.codec.BackendMessage.DataRow;
import io.surrogate.proxy.codec.BackendMessage.ErrorResponse;
import io.surrogate.proxy.codec.BackendMessage.ParameterStatus;
import io.surrogate.proxy.codec.BackendMessage.RowDescription;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Runs the commands the proxy answers itself: transactions, settings and session functions. */
final class LocalCommands {
  private LocalCommands() { }

  /** The RowDescription of a row-returning local command, or {@code null} when it returns no rows. */
  static RowDescription describe(Command command) {
    if (command instanceof Command.Show show) {
      return ResultColumns.text(show.name() == null ? List.of("name", "setting", "description")
          : List.of(show.name()));
    }
    if (command instanceof Command.SessionValue value) {
      return ResultColumns.text(List.of(value.column()));
    }
    return null;
  }

  /**
   * Runs a local command; with {@code describe} the RowDescription of a row-returning command is sent first
   * (simple protocol), otherwise only rows and CommandComplete (extended protocol, after Describe).
   */
  static void run(Command command, SessionState state, boolean describe) throws SQLException {
    SessionOutput out = state.out;
    if (describe && command.returnsRows()) {
      out.write(describe(command));
    }
    if (command instanceof Command.Begin) {
      ErrorResponse warning = state.transaction.begin(state.connection);
      if (warning != null) {
        out.write(warning);
      }
      out.write(new CommandComplete("BEGIN"));
    } else if (command instanceof Command.Commit) {
      out.write(new CommandComplete(state.transaction.commit(state.connection)));
    } else if (command instanceof Command.Rollback) {
      state.transaction.rollback(state.connection);
      out.write(new CommandComplete("ROLLBACK"));
    } else if (command instanceof Command.Set set) {
      runSet(set, state);
    } else if (command instanceof Command.SetTransaction) {
      out.write(new CommandComplete("SET"));
    } else if (command instanceof Command.Show show) {
      runShow(show, state);
    } else if (command instanceof Command.Reset reset) {
      runReset(reset, state);
    } else if (command instanceof Command.Discard d) {
      if (d.all()) {
        state.settings.resetAll();
      }
      out.write(new CommandComplete(d.all() ? "DISCARD ALL" : "DISCARD"));
    } else if (command instanceof Command.Deallocate d) {
      out.write(new CommandComplete(d.name() == null ? "DEALLOCATE ALL" : "DEALLOCATE"));
    } else if (command instanceof Command.SessionValue v) {
      out.write(row(SessionFunctions.value(v.function(), state)));
      out.write(new CommandComplete("SELECT 1"));
    } else if (command instanceof Command.Refused r) {
      throw new SQLException(r.message(), r.sqlState());
    } else if (command instanceof Command.Engine) {
      throw new IllegalStateException("engine command run locally");
    }
  }

  private static void runReset(Command.Reset reset, SessionState state) throws SQLException {
    if (reset.name() == null) {
      state.settings.resetAll();
    } else {
      state.settings.reset(reset.name());
      report(reset.name(), state);
    }
    state.out.write(new CommandComplete("RESET"));
  }

  private static void runSet(Command.Set set, SessionState state) throws SQLException {
    if (set.value() == null) {
      state.settings.reset(set.name());
    } else {
      state.settings.set(set.name(), set.value());
    }
    report(set.name(), state);
    state.out.write(new CommandComplete("SET"));
  }

  private static void report(String name, SessionState state) throws SQLException {
    if (state.settings.isReported(name)) {
      state.out.write(new ParameterStatus(state.settings.canonical(name), state.settings.get(name)));
    }
  }

  private static void runShow(Command.Show show, SessionState state) throws SQLException {
    if (show.name() == null) {
      for (Map.Entry<String, String> e : state.settings.all().entrySet()) {
        state.out.write(row(e.getKey(), e.getValue(), ""));
      }
      state.out.write(new CommandComplete("SHOW"));
      return;
    }
    state.out.write(row(state.settings.get(show.name())));
    state.out.write(new CommandComplete("SHOW"));
  }

  private static DataRow row(String... values) {
    byte[][] bytes = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
    }
    return new DataRow(bytes);
  }
}
