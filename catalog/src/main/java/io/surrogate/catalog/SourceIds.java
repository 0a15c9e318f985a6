package io.surrogate.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Canonical identities of sources, used as the catalog key: the JDBC URL with credentials and
 * parameters stripped, so that two URLs naming the same database share models and one ledger.
 *
 * <p>Rules: a {@code jdbc:surrogate:} prefix is removed; the {@code jdbc:subprotocol:} prefix and host
 * names are lower-cased; everything from the first {@code ?} or {@code ;} is dropped (parameters,
 * passwords in H2/SQL Server style); user info before {@code @} in the authority is dropped; the
 * default port is made explicit for PostgreSQL (5432) and MySQL/MariaDB (3306); a trailing {@code /} is
 * dropped. Paths and database names keep their case.
 */
public final class SourceIds {
  private static final String SURROGATE_PREFIX = "jdbc:surrogate:";
  private static final Map<String, Integer> DEFAULT_PORTS = Map.of("postgresql", 5432, "mysql", 3306, "mariadb", 3306);

  private SourceIds() {
  }

  /** The canonical identity of {@code jdbcUrl}; never contains its credentials or parameters. */
  public static String of(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    String url = jdbcUrl.trim();
    if (url.regionMatches(true, 0, SURROGATE_PREFIX, 0, SURROGATE_PREFIX.length())) {
      url = "jdbc:" + url.substring(SURROGATE_PREFIX.length());
    }
    url = cut(url, '?');
    url = cut(url, ';');
    int protoEnd = url.regionMatches(true, 0, "jdbc:", 0, 5) ? url.indexOf(':', 5) : -1;
    if (protoEnd < 0) {
      return stripTrailingSlash(url);
    }
    String subprotocol = url.substring(5, protoEnd).toLowerCase(Locale.ROOT);
    String rest = url.substring(protoEnd + 1);
    String prefix = "jdbc:" + subprotocol + ":";
    if (rest.startsWith("//")) {
      return prefix + "//" + authority(subprotocol, rest.substring(2));
    }
    int at = rest.indexOf('@');
    if (at >= 0 && subprotocol.equals("oracle")) {
      // Oracle thin: jdbc:oracle:thin:user/password@host:port/service
      int driverEnd = rest.indexOf(':');
      String driver = driverEnd >= 0 && driverEnd < at ? rest.substring(0, driverEnd + 1) : "";
      return prefix + driver.toLowerCase(Locale.ROOT) + "@" + stripTrailingSlash(rest.substring(at + 1));
    }
    if (DEFAULT_PORTS.containsKey(subprotocol) && !rest.isEmpty()) {
      // jdbc:postgresql:app means localhost on the default port
      return prefix + "//localhost:" + DEFAULT_PORTS.get(subprotocol) + "/" + stripTrailingSlash(rest);
    }
    return prefix + stripTrailingSlash(rest);
  }

  private static String authority(String subprotocol, String afterSlashes) {
    int slash = afterSlashes.indexOf('/');
    String authority = slash < 0 ? afterSlashes : afterSlashes.substring(0, slash);
    String path = slash < 0 ? "" : stripTrailingSlash(afterSlashes.substring(slash));
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    authority = authority.toLowerCase(Locale.ROOT);
    Integer port = DEFAULT_PORTS.get(subprotocol);
    if (port != null && !authority.isEmpty() && !authority.contains(",") && !hasPort(authority)) {
      authority = authority + ":" + port;
    }
    return authority + path;
  }

  private static boolean hasPort(String authority) {
    int bracket = authority.lastIndexOf(']');
    int colon = authority.lastIndexOf(':');
    return colon > bracket;
  }

  private static String cut(String url, char c) {
    int i = url.indexOf(c);
    return i < 0 ? url : url.substring(0, i);
  }

  private static String stripTrailingSlash(String s) {
    String out = s;
    while (out.endsWith("/") && out.length() > 1) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
