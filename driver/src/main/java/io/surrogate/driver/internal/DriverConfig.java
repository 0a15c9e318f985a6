package io.surrogate.driver.internal;

import io.surrogate.catalog.Catalogs;
import io.surrogate.catalog.Secrets;
import io.surrogate.catalog.SqlState;
import io.surrogate.driver.SurrogateDriver;
import io.surrogate.driver.SurrogateProperty;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The validated settings of one {@code jdbc:surrogate:} connection. Values are checked here, before any
 * connection is opened, so a bad value fails with 22023 naming it and what was expected. The passwords never
 * appear in {@link #toString()}, nor a password carried in a URL.
 *
 * @param sourceUrl source JDBC URL ({@code jdbc:} + the part after {@code jdbc:surrogate:})
 * @param user source user, or null
 * @param password source password, or null
 * @param policyPath policy file, or null for the defaults
 * @param catalogUrl catalog JDBC URL
 * @param catalogUser catalog user, or null
 * @param catalogPassword catalog password, or null
 * @param seed serving seed override, or null
 * @param schema source schema, or null for the current one
 * @param partitionSize rows per partition
 * @param cacheBytes bound of the partition cache in bytes
 * @param poolSize source pool size
 */
public record DriverConfig(
    String sourceUrl,
    String user,
    String password,
    String policyPath,
    String catalogUrl,
    String catalogUser,
    String catalogPassword,
    Long seed,
    String schema,
    int partitionSize,
    long cacheBytes,
    int poolSize) {

  /** Largest partition: bigger ones only delay the first row and fragment the cache. */
  static final int MAX_PARTITION_SIZE = 1 << 24;

  /** Parses {@code url} and {@code props}; 22023 on a malformed URL or a bad property value. */
  public static DriverConfig parse(String url, Properties props) throws SQLException {
    String rest = url.substring(SurrogateDriver.PREFIX.length());
    if (rest.isBlank() || rest.startsWith("surrogate:")) {
      throw invalid("url", Secrets.maskUrl(url), "jdbc:surrogate:<source URL without \"jdbc:\">, e.g. jdbc:surrogate:h2:mem:demo");
    }
    String catalog = SurrogateProperty.CATALOG.get(props);
    return new DriverConfig(
        "jdbc:" + rest,
        SurrogateProperty.USER.get(props),
        SurrogateProperty.PASSWORD.get(props),
        blankToNull(SurrogateProperty.POLICY.get(props)),
        catalog == null || catalog.isBlank() ? Catalogs.defaultUrl() : catalog,
        SurrogateProperty.CATALOG_USER.get(props),
        SurrogateProperty.CATALOG_PASSWORD.get(props),
        seed(SurrogateProperty.SEED.get(props)),
        blankToNull(SurrogateProperty.SCHEMA.get(props)),
        (int) longValue(SurrogateProperty.PARTITION_SIZE, props, 1, MAX_PARTITION_SIZE),
        longValue(SurrogateProperty.CACHE_BYTES, props, 0, Long.MAX_VALUE),
        (int) longValue(SurrogateProperty.POOL_SIZE, props, 1, 1000));
  }

  @Override
  public String toString() {
    return "DriverConfig[sourceUrl=" + Secrets.maskUrl(sourceUrl) + ", user=" + user + ", password="
        + masked(password) + ", policyPath=" + policyPath + ", catalogUrl=" + Secrets.maskUrl(catalogUrl)
        + ", catalogUser=" + catalogUser + ", catalogPassword=" + masked(catalogPassword) + ", seed=" + seed
        + ", schema=" + schema + ", partitionSize=" + partitionSize + ", cacheBytes=" + cacheBytes + ", poolSize="
        + poolSize + "]";
  }

  private static String masked(String secret) {
    return secret == null ? null : Secrets.MASK;
  }

  /** Key of the engine this connection shares: everything that shapes served rows or pools. */
  EngineKey engineKey() {
    return new EngineKey(sourceUrl, user, password, policyPath, catalogUrl, catalogUser, catalogPassword,
        seed, schema, partitionSize, cacheBytes, poolSize);
  }

  private static Long seed(String value) throws SQLException {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw invalid(SurrogateProperty.SEED.key(), value, "a 64-bit integer");
    }
  }

  private static long longValue(SurrogateProperty p, Properties props, long min, long max) throws SQLException {
    String value = p.get(props);
    String expected = max == Long.MAX_VALUE ? "an integer >= " + min : "an integer in " + min + ".." + max;
    try {
      long v = Long.parseLong(value.trim());
      if (v < min || v > max) {
        throw invalid(p.key(), value, expected);
      }
      return v;
    } catch (NumberFormatException e) {
      throw invalid(p.key(), value, expected);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  static SQLException invalid(String key, String value, String expected) {
    return SqlState.INVALID_PARAMETER_VALUE.create(key + ": " + value + " (expected: " + expected + ")", null);
  }

  /** Identity of a shared engine; the record's equality is the sharing rule. */
  record EngineKey(String sourceUrl, String user, String password, String policyPath, String catalogUrl,
      String catalogUser, String catalogPassword, Long seed, String schema, int partitionSize, long cacheBytes,
      int poolSize) {
    @Override
    public String toString() {
      return "EngineKey[" + Secrets.maskUrl(sourceUrl) + ", policy=" + policyPath + "]";
    }
  }
}
