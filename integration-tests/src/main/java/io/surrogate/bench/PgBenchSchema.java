package io.surrogate.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A throw-away schema on the local PostgreSQL with two tables of the same shape and size: {@code members}
 * (served real by the proxy) and {@code patients} (served synthetic); dropped on close.
 */
final class PgBenchSchema implements AutoCloseable {
  final String url;
  final String user;
  final String schema;

  PgBenchSchema(String url, String user, int rows) throws SQLException {
    this.url = url;
    this.user = user;
    this.schema = "sidebyside_" + ProcessHandle.current().pid();
    try (Connection c = open(); Statement st = c.createStatement()) {
      st.execute("drop schema if exists " + schema + " cascade");
      st.execute("create schema " + schema);
      for (String table : new String[] {"members", "patients"}) {
        st.execute("create table " + schema + "." + table
            + " (id int primary key, age int not null, income double precision not null, sex varchar(1) not null)");
        // Deterministic values computed by PostgreSQL itself, so setup takes seconds.
        st.execute("insert into " + schema + "." + table + " select g, (g * 7) % 90, ((g * 13) % 1000) * 10.5,"
            + " case when g % 2 = 0 then 'F' else 'M' end from generate_series(1, " + rows + ") g");
        st.execute("analyze " + schema + "." + table);
      }
    }
  }

  /** pgJDBC properties for a direct connection; prepared statements go server-side from the first use. */
  Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("prepareThreshold", "1");
    p.setProperty("currentSchema", schema);
    return p;
  }

  /** A direct pgJDBC connection with {@link #schema} as the search path. */
  Connection open() throws SQLException {
    return open(url);
  }

  /** A connection to {@code otherUrl} (a relay in front of the same database) with the same settings. */
  Connection open(String otherUrl) throws SQLException {
    return DriverManager.getConnection(otherUrl, properties());
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = open(); Statement st = c.createStatement()) {
      st.execute("drop schema " + schema + " cascade");
    }
  }
}
