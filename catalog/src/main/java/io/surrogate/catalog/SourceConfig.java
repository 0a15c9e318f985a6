package io.surrogate.catalog;

/**
 * Where the real data lives. The password is resolved from the environment at load time and is
 * never written to the catalog, nor shown by {@link #toString()} (which masks one in the URL, too).
 *
 * @param url JDBC URL of the source, such as {@code jdbc:postgresql://127.0.0.1:5432/app}
 * @param user user name, or null
 * @param password password, or null
 * @param schema schema whose tables are served, or null for the source's default
 */
public record SourceConfig(String url, String user, String password, String schema) {

  @Override
  public String toString() {
    return "SourceConfig[url=" + Secrets.maskUrl(url) + ", user=" + user + ", schema=" + schema + "]";
  }
}
