package io.surrogate.proxy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test engine: an in-memory H2 database in PostgreSQL mode standing in for the Surrogate driver, which the proxy
 * only ever sees as a {@link java.sql.Connection} factory. The table {@code items} covers every wire type.
 */
public final class H2Engine implements EngineConnections {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private final String url;
  private final Connection keepAlive;

  /** Creates a fresh database with {@code items} (3 rows) and {@code numbers} ({@code rows} rows). */
  public H2Engine(int rows) throws SQLException {
    url = "jdbc:h2:mem:proxytest" + COUNTER.incrementAndGet()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    keepAlive = DriverManager.getConnection(url);
    try (Statement st = keepAlive.createStatement()) {
      st.execute("create table items (id int primary key, small smallint, big bigint, price numeric(10,2), "
          + "ratio real, score double precision, name varchar(40), active boolean, born date, "
          + "seen timestamp, seen_tz timestamp with time zone, token uuid, blob bytea)");
      st.execute("insert into items values "
          + "(1, 7, 9000000000, 12.50, 1.5, 2.25, 'alpha', true, date '2024-01-31', "
          + "timestamp '2024-01-31 10:11:12.345678', timestamp with time zone '2024-01-31 10:11:12+00', "
          + "'123e4567-e89b-12d3-a456-426614174000', X'DEADBEEF'), "
          + "(2, -3, -1, -0.01, -0.5, 1e20, 'beta ''quoted''', false, date '1999-12-31', "
          + "timestamp '1999-12-31 23:59:59', timestamp with time zone '1999-12-31 23:59:59+00', "
          + "'00000000-0000-0000-0000-000000000001', X''), "
          + "(3, null, null, null, null, null, null, null, null, null, null, null, null)");
      st.execute("create table numbers (n bigint primary key, label varchar(20))");
      st.execute("insert into numbers select \"X\", 'row ' || \"X\" from system_range(1, " + rows + ")");
    }
  }

  @Override
  public Connection open(String user, String database) throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** Closes the last connection, dropping the database. */
  public void close() throws SQLException {
    keepAlive.close();
  }
}
