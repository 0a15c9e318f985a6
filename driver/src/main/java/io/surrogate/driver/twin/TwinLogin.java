package io.surrogate.driver.twin;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How to log in to one database of a twin as one role: a pgJDBC URL without credentials, the role and its
 * password. {@link #toString()} leaves the password out.
 *
 * @param url {@code jdbc:postgresql://127.0.0.1:<port>/<database>}
 * @param user the role
 * @param password the role's password
 */
public record TwinLogin(String url, String user, String password) {
  /** pgJDBC properties for {@link DriverManager#getConnection(String, Properties)}. */
  public Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    // Loopback only: TLS would cost a handshake per connection and protect nothing.
    p.setProperty("sslmode", "disable");
    return p;
  }

  /** A new connection; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, properties());
  }

  /** An unpooled data source opening connections like {@link #connect()}. */
  public DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser(user);
    ds.setPassword(password);
    ds.setSslMode("disable");
    return ds;
  }

  @Override
  public String toString() {
    return "TwinLogin[url=" + url + ", user=" + user + ", password=***]";
  }
}
