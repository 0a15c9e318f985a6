package io.surrogate.driver;

import io.surrogate.catalog.SqlState;
import io.surrogate.driver.internal.DriverConfig;
import io.surrogate.driver.internal.SqlStates;
import io.surrogate.driver.internal.SurrogateSession;
import io.surrogate.driver.twin.DriverTwins;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * JDBC driver for {@code jdbc:surrogate:<source URL without "jdbc:">}: real tables the policy marks
 * public pass through, every other table and every view answers with synthetic rows.
 */
public final class SurrogateDriver implements Driver {
  /** URL prefix this driver accepts. */
  public static final String PREFIX = "jdbc:surrogate:";

  static {
    try {
      DriverManager.registerDriver(new SurrogateDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties props = info == null ? new Properties() : info;
    DriverConfig config = DriverConfig.parse(url, props);
    if (DriverTwins.serves(config, props)) {
      return DriverTwins.connect(config, props);
    }
    return SurrogateSession.open(config);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    Properties props = info == null ? new Properties() : info;
    SurrogateProperty[] all = SurrogateProperty.values();
    DriverPropertyInfo[] result = new DriverPropertyInfo[all.length];
    for (int i = 0; i < all.length; i++) {
      result[i] = all[i].toInfo(props);
    }
    return result;
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw (SQLFeatureNotSupportedException) SqlState.FEATURE_NOT_SUPPORTED.create(
        "getParentLogger: Surrogate logs through slf4j");
  }
}
