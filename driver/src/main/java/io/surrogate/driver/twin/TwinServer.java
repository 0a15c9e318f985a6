package io.surrogate.driver.twin;

import java.sql.SQLException;

/** The PostgreSQL server a twin lives on: the embedded one Surrogate runs, or one the user provides. */
public interface TwinServer extends AutoCloseable {
  /** The superuser's (or admin role's) login to {@code database}: for Surrogate's own builds only. */
  TwinLogin admin(String database);

  /** The client role's login to {@code database}: what clients of the twin use. */
  TwinLogin client(String database);

  /** Host clients reach it on. */
  String host();

  int port();

  /** Its PostgreSQL version, such as {@code 15.19.0}. */
  String version();

  boolean isRunning();

  @Override
  void close() throws SQLException;
}
