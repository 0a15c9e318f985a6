package io.surrogate.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/** Opens catalogs: an embedded H2 file by default, or any JDBC database such as a shared PostgreSQL. */
public final class Catalogs {
  /** System property naming Surrogate's home directory. */
  public static final String HOME_PROPERTY = "surrogate.home";
  /** Environment variable naming Surrogate's home directory when the property is not set. */
  public static final String HOME_ENV = "SURROGATE_HOME";

  private Catalogs() {
  }

  /**
   * Opens the catalog at {@code jdbcUrl} through a small connection pool, creating its tables if missing.
   *
   * @throws SQLException SQLSTATE 08001 when the database cannot be reached, 55000 when its catalog
   *     schema is newer than this code
   */
  public static Catalog open(String jdbcUrl, String user, String password) throws SQLException {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setPoolName("surrogate-catalog");
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(1);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw SqlState.CONNECTION_FAILED.create("catalog " + SourceIds.of(jdbcUrl) + ": cannot connect ("
          + Secrets.mask(cause.getMessage()) + ")", cause);
    }
    try {
      return new JdbcCatalog(pool, pool);
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Opens a catalog over a data source the caller owns (closing the catalog leaves it open), creating
   * its tables if missing.
   */
  public static Catalog open(DataSource dataSource) throws SQLException {
    return new JdbcCatalog(dataSource, null);
  }

  /**
   * The embedded H2 catalog under Surrogate's home: the {@value #HOME_PROPERTY} system property, else
   * {@value #HOME_ENV}, else {@code ~/.surrogate}. {@code AUTO_SERVER} lets several JVMs share it.
   */
  public static String defaultUrl() {
    return "jdbc:h2:file:" + home().resolve("catalog").toAbsolutePath() + ";AUTO_SERVER=TRUE";
  }

  /** Surrogate's home directory as {@link #defaultUrl()} resolves it. */
  public static Path home() {
    String dir = System.getProperty(HOME_PROPERTY);
    if (dir == null || dir.isBlank()) {
      dir = System.getenv(HOME_ENV);
    }
    if (dir == null || dir.isBlank()) {
      return Paths.get(System.getProperty("user.home"), ".surrogate");
    }
    return Paths.get(dir);
  }
}
