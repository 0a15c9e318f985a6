package io.surrogate.catalog;

import java.nio.file.Path;
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

  Policy(SourceConfig source, TableMode defaultMode, PrivacyDefaults privacy, long seed,
      Map<String, TablePolicy> tables, Map<String, ParentPolicy> parents, Path file) {
    this.source = source;
    this.defaultMode = Objects.requireNonNull(defaultMode, "defaultMode");
    this.privacy = Objects.requireNonNull(privacy, "privacy");
    this.seed = seed;
    this.tables = Map.copyOf(tables);
    this.parents = Map.copyOf(parents);
    this.file = file;
  }

  /** No file: every table synthetic, copula, ε 1.0, δ 1e-9, budget 10.0, seed 0. */
  public static Policy defaults() {
    return new Policy(null, TableMode.SYNTHETIC, PrivacyDefaults.standard(), 0L, Map.of(), Map.of(), null);
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

  /** Listed tables keyed by lower-case name. */
  public Map<String, TablePolicy> tables() {
    return tables;
  }

  /** The policy of {@code table}, matched ignoring case; unlisted tables get the defaults. */
  public TablePolicy forTable(String table) {
    Objects.requireNonNull(table, "table");
    TablePolicy listed = tables.get(table.toLowerCase(Locale.ROOT));
    if (listed != null) {
      return listed;
    }
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
