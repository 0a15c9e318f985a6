package io.surrogate.proxy.session;

import io.surrogate.catalog.SqlState;
import io.surrogate.proxy.types.PgType;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * A statement prepared by Parse: its command, the PostgreSQL parameter types (declared by the client or
 * inferred from the engine's ParameterMetaData, else text) and, for engine SQL, the JDBC PreparedStatement.
 */
final class PreparedQuery implements AutoCloseable {
  final String sql;
  final Command command;
  final SqlText.Placeholders placeholders;
  /** Effective PostgreSQL type OID of each {@code $n}. */
  final int[] parameterTypes;
  /** The engine's JDBC type of each {@code ?}, or {@link Types#OTHER} when unknown. */
  final int[] jdbcTypes;
  final PreparedStatement statement;
  /** How the statement runs on a PostgreSQL source's protocol, or null when it runs on the engine only. */
  final PassThroughForm passThrough;
  /** Set once the source showed that this statement cannot pass through. */
  volatile boolean passThroughRejected;
  /** Set while a portal has an open result on {@link #statement}. */
  boolean busy;
  /** The columns of the last result, reused while the client asks for the same formats. */
  private ResultColumns lastColumns;

  private PreparedQuery(String sql, Command command, SqlText.Placeholders placeholders, int[] parameterTypes,
      int[] jdbcTypes, PreparedStatement statement, PassThroughForm passThrough) {
    this.sql = sql;
    this.passThrough = passThrough;
    this.command = command;
    this.placeholders = placeholders;
    this.parameterTypes = parameterTypes;
    this.jdbcTypes = jdbcTypes;
    this.statement = statement;
  }

  /** Prepares {@code sql} with the client's declared parameter types (0 = unspecified). */
  static PreparedQuery prepare(String sql, int[] declared, SessionState state) throws SQLException {
    if (SqlText.split(sql).size() > 1) {
      throw SqlState.SYNTAX_ERROR.create("cannot insert multiple commands into a prepared statement");
    }
    Command command = Commands.classify(sql);
    if (!(command instanceof Command.Engine)) {
      return new PreparedQuery(sql, command, new SqlText.Placeholders(sql, new int[0], 0),
          declaredOrText(declared, declared.length), new int[0], null, null);
    }
    SqlText.Placeholders ph = SqlText.placeholders(EngineRunner.rewrite(sql, state));
    for (int pg : ph.jdbcToPg()) {
      if (pg < 0) {
        throw SqlState.UNDEFINED_PARAMETER.create("there is no parameter $0");
      }
    }
    int count = Math.max(ph.pgCount(), declared.length);
    PreparedStatement ps = state.runner.guardedPrepare(() -> state.connection.prepareStatement(ph.sql()));
    int[] jdbcTypes = new int[ph.jdbcToPg().length];
    int[] types = declaredOrText(declared, count);
    ParameterMetaData pmd = parameterMetaData(ps);
    for (int i = 0; i < jdbcTypes.length; i++) {
      jdbcTypes[i] = jdbcType(pmd, i + 1);
      int pg = ph.jdbcToPg()[i];
      boolean unspecified = pg >= declared.length || declared[pg] == 0;
      if (unspecified && jdbcTypes[i] != Types.OTHER) {
        types[pg] = PgType.ofJdbc(jdbcTypes[i], typeName(pmd, i + 1)).oid();
      }
    }
    return new PreparedQuery(sql, command, ph, types, jdbcTypes, ps, PassThroughForm.of(ps, ph, types, state));
  }

  /**
   * The columns of {@code rs} in the formats {@code formatOf} asks for; a statement's columns do not change between
   * executions, so the last description is reused when the formats match.
   */
  ResultColumns columns(java.sql.ResultSet rs, java.util.function.IntUnaryOperator formatOf) throws SQLException {
    ResultColumns last = lastColumns;
    if (last != null && sameFormats(last, formatOf)) {
      return last;
    }
    ResultColumns fresh = ResultColumns.of(rs.getMetaData(), formatOf);
    lastColumns = fresh;
    return fresh;
  }

  private static boolean sameFormats(ResultColumns columns, java.util.function.IntUnaryOperator formatOf) {
    boolean[] binary = columns.binary();
    for (int i = 0; i < binary.length; i++) {
      if (binary[i] != (formatOf.applyAsInt(i) == 1)) {
        return false;
      }
    }
    return true;
  }

  private static int[] declaredOrText(int[] declared, int count) {
    int[] types = new int[count];
    for (int i = 0; i < count; i++) {
      types[i] = i < declared.length && declared[i] != 0 ? declared[i] : PgType.TEXT.oid();
    }
    return types;
  }

  private static ParameterMetaData parameterMetaData(PreparedStatement ps) {
    try {
      return ps.getParameterMetaData();
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  private static int jdbcType(ParameterMetaData pmd, int index) {
    try {
      return pmd == null ? Types.OTHER : pmd.getParameterType(index);
    } catch (SQLException | RuntimeException e) {
      return Types.OTHER;
    }
  }

  private static String typeName(ParameterMetaData pmd, int index) {
    try {
      return pmd == null ? null : pmd.getParameterTypeName(index);
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public void close() {
    if (statement != null) {
      try {
        statement.close();
      } catch (SQLException e) {
        // Closing a statement the engine already dropped is harmless.
      }
    }
  }
}
