package io.surrogate.proxy.session;

import io.surrogate.catalog.SqlState;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The session's run-time parameters (what {@code SET}, {@code SHOW} and {@code RESET} act on), with PostgreSQL's
 * defaults and checks for the values the proxy depends on (UTF8, ISO dates, standard strings).
 */
final class SessionSettings {
  /** Parameters PostgreSQL reports to the client with ParameterStatus at startup and whenever they change. */
  static final List<String> REPORTED = List.of("server_version", "server_encoding", "client_encoding",
      "DateStyle", "integer_datetimes", "standard_conforming_strings", "TimeZone", "IntervalStyle",
      "application_name", "is_superuser", "session_authorization");

  private static final Set<String> ACCEPTED = Set.of("search_path", "statement_timeout", "lock_timeout",
      "idle_in_transaction_session_timeout", "extra_float_digits", "bytea_output", "client_min_messages",
      "transaction_isolation", "default_transaction_isolation", "transaction_read_only",
      "default_transaction_read_only", "work_mem", "jit", "row_security", "synchronous_commit", "geqo",
      "max_parallel_workers_per_gather", "join_collapse_limit", "from_collapse_limit", "datestyle",
      "intervalstyle", "timezone", "client_encoding", "application_name", "role",
      "server_version_num", "max_identifier_length", "lc_messages", "lc_monetary", "lc_numeric", "lc_time",
      "default_text_search_config", "escape_string_warning", "check_function_bodies", "xmloption",
      "session_replication_role", "idle_session_timeout", "enable_seqscan",
      "standard_conforming_strings", "backslash_quote", "vacuum_cost_delay", "temp_buffers");

  /** Schemas a search_path may name besides the served one: they hold no table of the source. */
  private static final Set<String> SYSTEM_SCHEMAS = Set.of("$user", "pg_catalog", "pg_temp", "information_schema");

  /** The one source schema the engine serves, or null when unknown (no search_path check). */
  private final String servedSchema;
  private final Map<String, String> canonicalNames = new LinkedHashMap<>();
  private final Map<String, String> defaults = new LinkedHashMap<>();
  private final Map<String, String> values = new LinkedHashMap<>();

  SessionSettings(String serverVersion, String user, Map<String, String> startup) {
    this(serverVersion, user, startup, null);
  }

  SessionSettings(String serverVersion, String user, Map<String, String> startup, String servedSchema) {
    this.servedSchema = servedSchema;
    define("server_version", serverVersion);
    define("server_version_num", versionNumber(serverVersion));
    define("server_encoding", "UTF8");
    define("client_encoding", "UTF8");
    define("DateStyle", "ISO, MDY");
    define("integer_datetimes", "on");
    define("standard_conforming_strings", "on");
    define("TimeZone", "UTC");
    define("IntervalStyle", "postgres");
    define("application_name", "");
    define("is_superuser", "off");
    define("session_authorization", user);
    define("search_path", "\"$user\", public");
    define("transaction_isolation", "read committed");
    define("default_transaction_isolation", "read committed");
    define("transaction_read_only", "off");
    define("default_transaction_read_only", "off");
    define("statement_timeout", "0");
    define("extra_float_digits", "1");
    define("bytea_output", "hex");
    define("client_min_messages", "notice");
    define("max_identifier_length", "63");
    define("lc_messages", "C");
    define("lc_collate", "C");
    define("lc_ctype", "C");
    for (Map.Entry<String, String> e : startup.entrySet()) {
      String key = e.getKey();
      if (!key.equals("user") && !key.equals("database") && !key.equals("options") && !key.startsWith("_pq_.")
          && !key.equals("replication")) {
        try {
          set(key, e.getValue());
        } catch (SQLException ignored) {
          // Startup parameters the proxy cannot honour are ignored, as PostgreSQL ignores unknown ones.
        }
      }
    }
  }

  private void define(String name, String value) {
    String key = name.toLowerCase(Locale.ROOT);
    canonicalNames.put(key, name);
    defaults.put(key, value);
    values.put(key, value);
  }

  private static String versionNumber(String version) {
    String[] parts = version.split("\\.");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
      return Integer.toString(major * 10000 + minor);
    } catch (NumberFormatException e) {
      return "160000";
    }
  }

  /** The display name of a parameter ({@code timezone} → {@code TimeZone}). */
  String canonical(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return canonicalNames.getOrDefault(key, key);
  }

  /** The current value, or throws 42704 for an unknown parameter. */
  String get(String name) throws SQLException {
    String value = values.get(name.toLowerCase(Locale.ROOT));
    if (value == null) {
      throw SqlState.UNDEFINED_OBJECT.create("unrecognized configuration parameter \"" + name + "\"");
    }
    return value;
  }

  /** Sets a parameter after validating the values the proxy relies on. */
  void set(String name, String value) throws SQLException {
    String key = name.toLowerCase(Locale.ROOT);
    if (!values.containsKey(key) && !ACCEPTED.contains(key) && key.indexOf('.') < 0) {
      throw SqlState.UNDEFINED_OBJECT.create("unrecognized configuration parameter \"" + name + "\"");
    }
    if (key.equals("search_path")) {
      checkSearchPath(value);
    }
    String v = validate(key, value);
    canonicalNames.putIfAbsent(key, key);
    values.put(key, v);
  }

  /**
   * One schema is served, so a path whose first source schema is another would resolve a name to a different
   * table than PostgreSQL does: refused, rather than answering from the wrong table.
   */
  private void checkSearchPath(String value) throws SQLException {
    if (servedSchema == null) {
      return;
    }
    for (String part : value.split(",")) {
      String schema = part.strip();
      if (schema.length() >= 2 && schema.startsWith("\"") && schema.endsWith("\"")) {
        schema = schema.substring(1, schema.length() - 1).replace("\"\"", "\"");
      } else {
        schema = schema.toLowerCase(Locale.ROOT);
      }
      if (schema.isEmpty() || SYSTEM_SCHEMAS.contains(schema)) {
        continue;
      }
      if (schema.equalsIgnoreCase(servedSchema)) {
        return;
      }
      throw SqlState.FEATURE_NOT_SUPPORTED.create("search_path " + value + ": only schema " + servedSchema
          + " is served (expected: a search_path whose first schema is " + servedSchema + ")");
    }
  }

  private static String validate(String key, String value) throws SQLException {
    switch (key) {
      case "client_encoding":
        String enc = value.toUpperCase(Locale.ROOT).replace("-", "");
        if (!enc.equals("UTF8") && !enc.equals("UNICODE")) {
          throw invalid(key, value, "UTF8");
        }
        return "UTF8";
      case "datestyle":
        if (!value.toUpperCase(Locale.ROOT).startsWith("ISO")) {
          throw invalid("DateStyle", value, "ISO, MDY");
        }
        return "ISO, MDY";
      case "standard_conforming_strings":
        if (!isOn(value)) {
          throw invalid(key, value, "on");
        }
        return "on";
      case "timezone":
        try {
          return zoneOf(value).getId();
        } catch (DateTimeException e) {
          throw invalid("TimeZone", value, "a time zone such as UTC or Europe/Paris");
        }
      case "statement_timeout":
        if (!value.matches("\\d+(ms|s|min)?")) {
          throw invalid(key, value, "milliseconds, e.g. 5000 or 5s");
        }
        return value;
      default:
        return value;
    }
  }

  private static boolean isOn(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    return v.equals("on") || v.equals("true") || v.equals("1") || v.equals("yes");
  }

  static ZoneId zoneOf(String value) {
    String v = value.strip();
    if (v.equalsIgnoreCase("utc") || v.equalsIgnoreCase("gmt") || v.equalsIgnoreCase("z")) {
      return ZoneId.of("UTC");
    }
    return ZoneId.of(v);
  }

  private static SQLException invalid(String name, String value, String expected) {
    return SqlState.INVALID_PARAMETER_VALUE.create("invalid value for parameter \"" + name + "\": \"" + value
        + "\" (expected: "
        + expected + ")");
  }

  /** Restores one parameter's default. */
  void reset(String name) throws SQLException {
    String key = name.toLowerCase(Locale.ROOT);
    if (!values.containsKey(key)) {
      throw SqlState.UNDEFINED_OBJECT.create("unrecognized configuration parameter \"" + name + "\"");
    }
    String def = defaults.get(key);
    if (def == null) {
      values.remove(key);
    } else {
      values.put(key, def);
    }
  }

  /** Restores every default. */
  void resetAll() {
    values.clear();
    values.putAll(defaults);
  }

  /** Whether a change of this parameter must be reported with ParameterStatus. */
  boolean isReported(String name) {
    return REPORTED.contains(canonical(name));
  }

  /** All current values in definition order, for {@code SHOW ALL}. */
  Map<String, String> all() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(canonical(k), v));
    return out;
  }

  /** The session time zone. */
  ZoneId zone() {
    return zoneOf(values.get("timezone"));
  }

  /** The session statement_timeout in milliseconds (0 = none). */
  long statementTimeoutMillis() {
    String v = values.getOrDefault("statement_timeout", "0");
    if (v.endsWith("ms")) {
      return Long.parseLong(v.substring(0, v.length() - 2));
    }
    if (v.endsWith("min")) {
      return Long.parseLong(v.substring(0, v.length() - 3)) * 60_000L;
    }
    if (v.endsWith("s")) {
      return Long.parseLong(v.substring(0, v.length() - 1)) * 1000L;
    }
    return Long.parseLong(v);
  }
}
