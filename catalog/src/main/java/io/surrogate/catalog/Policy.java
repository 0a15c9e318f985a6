package io.surrogate.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, validated policy: where the source is, which tables are real or synthetic, and the
 * privacy settings of each; tables it does not list get the defaults (synthetic unless the file says
 * {@code default: real}).
 */
public final class Policy {
  /** Generator used when the policy names none. */
  public static final String DEFAULT_GENERATOR = "copula";

  private final SourceConfig source;
  private final TableMode defaultMode;
  private final PrivacyDefaults privacy;
  private final long seed;
  private final Map<String, TablePolicy> tables;
  private final Map<String, ParentPolicy> parents;
  private final Path file;
  /** Null until {@link #bind}: the source tables the entries resolved to. */
  private final PolicyBinding binding;
  /** Null when the policy has no {@code twin:} key. */
  private final TwinMode twin;
  /** The JDBC URL of {@link TwinMode#SERVER}, else null. */
  private final String twinServer;

  Policy(SourceConfig source, TableMode defaultMode, PrivacyDefaults privacy, long seed,
      Map<String, TablePolicy> tables, Map<String, ParentPolicy> parents, Path file, TwinMode twin,
      String twinServer) {
    this(source, defaultMode, privacy, seed, tables, parents, file, null, twin, twinServer);
  }

  private Policy(SourceConfig source, TableMode defaultMode, PrivacyDefaults privacy, long seed,
      Map<String, TablePolicy> tables, Map<String, ParentPolicy> parents, Path file, PolicyBinding binding,
      TwinMode twin, String twinServer) {
    this.source = source;
    this.defaultMode = Objects.requireNonNull(defaultMode, "defaultMode");
    this.privacy = Objects.requireNonNull(privacy, "privacy");
    this.seed = seed;
    this.tables = Map.copyOf(tables);
    this.parents = Map.copyOf(parents);
    this.file = file;
    this.binding = binding;
    this.twin = twin;
    this.twinServer = twinServer;
  }

  /**
   * This policy with every entry resolved to exactly one table of the source, by PostgreSQL's identifier rules
   * (see {@link TableName}); {@code schema} is the schema unqualified entries name, as the source spells it (null:
   * the connection's current schema).
   *
   * @throws SQLException 42P01 naming the entry and the closest existing names when an entry matches no table
   *     or several
   */
  public Policy bind(Connection source, String schema) throws SQLException {
    String fileName = file == null ? "(none)" : String.valueOf(file.getFileName());
    PolicyBinding b = PolicyBinding.resolve(source, schema, tables, fileName);
    return new Policy(this.source, defaultMode, privacy, seed, tables, parents, file, b, twin, twinServer);
  }

  /**
   * Where the proxy serves from ({@code twin:}); empty when the policy does not say, and then a PostgreSQL source
   * is served from an embedded twin and any other source by the Calcite engine.
   */
  public java.util.Optional<TwinMode> twin() {
    return java.util.Optional.ofNullable(twin);
  }

  /** The JDBC URL of the PostgreSQL server the policy's {@code twin:} names, when it names one. */
  public java.util.Optional<String> twinServer() {
    return java.util.Optional.ofNullable(twinServer);
  }

  /** Where a source at {@code sourceUrl} is served from: the policy's {@code twin:}, else the default for it. */
  public TwinMode twinMode(String sourceUrl) {
    return twin().orElse(TwinMode.defaultFor(sourceUrl));
  }

  /** Whether {@link #bind} resolved this policy's entries against a source. */
  public boolean isBound() {
    return binding != null;
  }

  /** No file: every table synthetic, copula, ε 1.0, δ 1e-9, budget 10.0, seed 0. */
  public static Policy defaults() {
    return new Policy(null, TableMode.SYNTHETIC, PrivacyDefaults.standard(), 0L, Map.of(), Map.of(), null, null,
        null);
  }

  /** The source the policy names, or null when the driver URL gives it. */
  public SourceConfig source() {
    return source;
  }

  /** Mode of tables the policy does not list. */
  public TableMode defaultMode() {
    return defaultMode;
  }

  public PrivacyDefaults privacy() {
    return privacy;
  }

  /** Seed of tables that do not set their own. */
  public long seed() {
    return seed;
  }

  /** Listed tables keyed by their entry after PostgreSQL's identifier rules ({@link TableName#toString()}). */
  public Map<String, TablePolicy> tables() {
    return tables;
  }

  /**
   * The policy of {@code table} of the served schema; unlisted tables get the defaults. On a bound policy
   * {@code table} is the source's spelling (or, when the source has no table so spelled, the name a client uses
   * for it) and only the table an entry resolved to gets that entry. Unbound (no source to resolve against: tests, defaults),
   * an entry matches {@code table} exactly or as an unquoted name.
   */
  public TablePolicy forTable(String table) {
    Objects.requireNonNull(table, "table");
    TablePolicy listed;
    if (binding != null) {
      listed = binding.forTable(table);
    } else {
      listed = tables.get(new TableName(null, table).toString());
      if (listed == null) {
        listed = tables.get(new TableName(null, table.toLowerCase(Locale.ROOT)).toString());
      }
    }
    if (listed != null) {
      return listed;
    }
    return unlisted(table);
  }

  /** The policy of the source table {@code table} (bound policies only match by identity). */
  public TablePolicy forTable(SourceTable table) {
    Objects.requireNonNull(table, "table");
    if (binding == null) {
      return forTable(table.name());
    }
    TablePolicy listed = binding.forTable(table);
    return listed != null ? listed : unlisted(table.name());
  }

  private TablePolicy unlisted(String table) {
    return new TablePolicy(table, defaultMode, DEFAULT_GENERATOR, privacy.epsilon(), privacy.delta(),
        privacy.budget(), null, TrainMode.AUTO, seed, Map.of(), Map.of(), false);
  }

  /** The declared parent of a child table (multi-table synthesis), if any. */
  public Optional<ParentPolicy> parent(String table) {
    return Optional.ofNullable(parents.get(table.toLowerCase(Locale.ROOT)));
  }

  /** The file this policy was loaded from, if any. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  @Override
  public String toString() {
    return "Policy[file=" + file + ", source=" + source + ", default=" + defaultMode + ", privacy=" + privacy
        + ", tables=" + tables.keySet() + "]";
  }
}
