package io.surrogate.driver;

import java.sql.DriverPropertyInfo;
import java.util.Locale;
import java.util.Properties;

/**
 * Connection properties of {@code jdbc:surrogate:} URLs, each with its key, default and description;
 * {@link SurrogateDriver#getPropertyInfo} is generated from this enum.
 */
public enum SurrogateProperty {
  /** Path of the YAML policy; absent means the built-in defaults (every table synthetic). */
  POLICY("policy", null, "Path of the YAML policy file; absent = every table synthetic with default privacy", false),
  /** JDBC URL of the catalog holding models and the privacy ledger. */
  CATALOG("catalog", null, "JDBC URL of the model catalog; absent = the embedded H2 catalog under SURROGATE_HOME", false),
  /** Catalog user. */
  CATALOG_USER("catalogUser", null, "User name for the catalog database", false),
  /** Catalog password. */
  CATALOG_PASSWORD("catalogPassword", null, "Password for the catalog database", false),
  /** Serving seed overriding the one stored with each model. */
  SEED("seed", null, "Serving seed; absent = the seed stored with each model", false),
  /** Source schema whose tables are served. */
  SCHEMA("schema", null, "Source schema to serve; absent = the source connection's current schema", false),
  /** Source user. */
  USER("user", null, "User name for the source database", false),
  /** Source password. */
  PASSWORD("password", null, "Password for the source database", false),
  /** Rows per synthetic partition. */
  PARTITION_SIZE("partitionSize", "65536", "Rows per synthetic partition (1..16777216)", false),
  /** Byte bound of the synthetic partition cache. */
  CACHE_BYTES("cacheBytes", "268435456", "Upper bound in bytes of the synthetic partition cache (>= 0)", false),
  /** Where connections are served from. */
  TWIN("twin", null, "embedded: connections go to a synthetic twin, an embedded PostgreSQL Surrogate builds and runs;"
      + " none: the Calcite engine; absent = the policy's twin:, else embedded for PostgreSQL sources", false),
  /** A writable sandbox of the twin instead of the twin itself. */
  SANDBOX("sandbox", null, "On the twin: a named writable sandbox (made on first use), or * for one per connection,"
      + " dropped when it closes; absent = the read-only twin", false),
  /** Home of the embedded twin. */
  TWIN_HOME("twinHome", null, "Directory of the embedded twin's PostgreSQL; absent = SURROGATE_HOME", false),
  /** Size of the source connection pool. */
  POOL_SIZE("poolSize", "8", "Maximum connections to the source (1..1000)", false);

  private final String key;
  private final String defaultValue;
  private final String description;
  private final boolean required;

  SurrogateProperty(String key, String defaultValue, String description, boolean required) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
    this.required = required;
  }

  /** The property name as written in {@link Properties}. */
  public String key() {
    return key;
  }

  /** The default value, or null when absent by default. */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public boolean required() {
    return required;
  }

  /** The value in {@code props}, else the default (keys match ignoring case). */
  public String get(Properties props) {
    String value = props.getProperty(key);
    if (value == null) {
      for (String name : props.stringPropertyNames()) {
        if (name.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
          value = props.getProperty(name);
          break;
        }
      }
    }
    return value != null ? value : defaultValue;
  }

  /** This property as {@link java.sql.Driver#getPropertyInfo} reports it. */
  public DriverPropertyInfo toInfo(Properties props) {
    DriverPropertyInfo info = new DriverPropertyInfo(key, get(props));
    info.description = description;
    info.required = required;
    return info;
  }
}
