package io.surrogate.proxy.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Properties;

/**
 * Where and as whom the proxy logs in to a PostgreSQL source, read from the source's pgJDBC URL and the driver
 * properties the engine uses, so both paths reach the same database as the same user.
 *
 * @param host the source host
 * @param port the source port
 * @param database the database name
 * @param user the login
 * @param password the password, or null
 */
public record SourceEndpoint(String host, int port, String database, String user, String password) {

  /**
   * The endpoint of {@code jdbcUrl} with {@code properties} (user, password) where the URL names none, read by
   * pgJDBC's own parser, so it is where the engine's pool connects.
   *
   * @throws IllegalArgumentException with the reason when the protocol path cannot serve this source: not
   *     PostgreSQL, several hosts, TLS that pgJDBC would use, or connection options this path does not send
   */
  public static SourceEndpoint of(String jdbcUrl, Properties properties) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("the source is not a pgJDBC URL");
    }
    Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, properties == null ? new Properties() : properties);
    if (parsed == null) {
      throw new IllegalArgumentException("pgJDBC cannot parse the source URL");
    }
    String host = parsed.getProperty("PGHOST", "localhost");
    String port = parsed.getProperty("PGPORT", "5432");
    if (host.contains(",") || port.contains(",")) {
      throw new IllegalArgumentException("the source URL names several hosts");
    }
    for (String option : new String[] {"options", "socketFactory", "gssEncMode", "service"}) {
      if (parsed.getProperty(option) != null && !"disable".equals(parsed.getProperty(option))) {
        throw new IllegalArgumentException("the source URL sets " + option);
      }
    }
    String sslmode = parsed.getProperty("sslmode");
    boolean ssl = "true".equalsIgnoreCase(parsed.getProperty("ssl"));
    boolean clear = "disable".equals(sslmode)
        || !ssl && (sslmode == null || "prefer".equals(sslmode) || "allow".equals(sslmode)) && isLoopback(host);
    if (!clear) {
      throw new IllegalArgumentException("pgJDBC may use TLS to " + host + " (sslmode "
          + (sslmode == null ? "prefer" : sslmode) + "), and this path speaks clear text");
    }
    String user = parsed.getProperty("user");
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("the source URL names no user");
    }
    String database = parsed.getProperty("PGDBNAME", user);
    int portNumber;
    try {
      portNumber = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the source port is not a number: " + port);
    }
    return new SourceEndpoint(host, portNumber, database, user, parsed.getProperty("password"));
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h).isLoopbackAddress();
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    // Never the password.
    return "SourceEndpoint[" + user + "@" + host + ":" + port + "/" + database + "]";
  }
}
