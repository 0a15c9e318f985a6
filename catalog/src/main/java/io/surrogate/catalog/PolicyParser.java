package io.surrogate.catalog;

import io.surrogate.synth.Generators;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Turns a composed policy document into a {@link Policy}, validating every field and applying defaults. */
final class PolicyParser {
  /** Generators the policy format documents, accepted even before their jar is on the class path. */
  static final Set<String> DOCUMENTED_GENERATORS = Set.of("copula", "cart", "vae");

  private static final Set<String> TOP_KEYS = Set.of("source", "default", "privacy", "seed", "twin", "tables");
  private static final Set<String> SOURCE_KEYS = Set.of("url", "user", "password", "schema");
  private static final Set<String> PRIVACY_KEYS = Set.of("epsilon", "delta", "budget");
  private static final Set<String> TABLE_KEYS = Set.of("mode", "generator", "epsilon", "delta", "budget", "rows",
      "train", "seed", "writable", "options", "columns", "parent", "max_training_rows");
  private static final Set<String> REAL_TABLE_KEYS = Set.of("mode", "writable");
  private static final Set<String> PARENT_KEYS = Set.of("table", "key", "max_rows_per_parent", "condition_on");

  private final PolicyNodes nodes;
  private final ColumnPolicyParser columns;

  PolicyParser(String fileName, UnaryOperator<String> env) {
    this.nodes = new PolicyNodes(fileName, env);
    this.columns = new ColumnPolicyParser(nodes);
  }

  Policy parse(Node root, Path file) throws PolicyException {
    Map<String, Node> top = nodes.mapping(root, null, TOP_KEYS);
    SourceConfig source = top.containsKey("source") ? source(top.get("source")) : null;
    TableMode defaultMode = TableMode.SYNTHETIC;
    if (top.containsKey("default")) {
      defaultMode = mode(top.get("default"), "default");
    }
    PrivacyDefaults privacy = top.containsKey("privacy") ? privacy(top.get("privacy")) : PrivacyDefaults.standard();
    long seed = top.containsKey("seed") ? nodes.integer(top.get("seed"), "seed") : 0L;
    TwinMode twin = null;
    String twinServer = null;
    if (top.containsKey("twin")) {
      String text = nodes.string(top.get("twin"), "twin").strip();
      twin = TwinMode.parse(text);
      if (twin == TwinMode.SERVER) {
        twinServer = text;
      } else if (twin == null) {
        throw nodes.error(top.get("twin"), "twin", "'" + Secrets.maskUrl(text) + "' (expected: embedded, none or"
            + " the jdbc:postgresql://host:port/database?user=... of a server to build the twin on)");
      }
    }
    Map<String, TablePolicy> tables = new LinkedHashMap<>();
    Map<String, ParentPolicy> parents = new LinkedHashMap<>();
    Node tablesNode = top.get("tables");
    for (Map.Entry<String, Node> e : nodes.mapping(tablesNode, "tables", null).entrySet()) {
      String name = e.getKey();
      String field = "tables." + name;
      TableName parsed;
      try {
        parsed = TableName.parse(name.strip());
      } catch (IllegalArgumentException bad) {
        throw nodes.error(PolicyNodes.keyNode(tablesNode, name), field, "'" + name + "' (expected: a table name"
            + " as PostgreSQL reads it: departments, \"Departments\" or hr.departments)");
      }
      table(parsed.toString(), parsed.name(), e.getValue(), field, privacy, seed, tables, parents);
    }
    return new Policy(source, defaultMode, privacy, seed, tables, parents, file, twin, twinServer);
  }

  private SourceConfig source(Node node) throws PolicyException {
    Map<String, Node> m = nodes.mapping(node, "source", SOURCE_KEYS);
    if (!m.containsKey("url")) {
      throw nodes.error(node, "source.url", "missing (expected: a JDBC URL such as jdbc:postgresql://host/db)");
    }
    String url = nodes.string(m.get("url"), "source.url").trim();
    if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
      throw nodes.error(m.get("url"), "source.url",
          "'" + SourceIds.of(url) + "' (expected: a URL starting with jdbc:)");
    }
    String user = optionalString(m.get("user"), "source.user");
    String password = optionalString(m.get("password"), "source.password");
    String schema = optionalString(m.get("schema"), "source.schema");
    return new SourceConfig(url, user, password, schema);
  }

  private String optionalString(Node node, String field) throws PolicyException {
    return PolicyNodes.isNull(node) ? null : nodes.string(node, field);
  }

  private PrivacyDefaults privacy(Node node) throws PolicyException {
    Map<String, Node> m = nodes.mapping(node, "privacy", PRIVACY_KEYS);
    double epsilon = m.containsKey("epsilon")
        ? nodes.positive(m.get("epsilon"), "privacy.epsilon", true) : PrivacyDefaults.DEFAULT_EPSILON;
    double delta = m.containsKey("delta") ? delta(m.get("delta"), "privacy.delta") : PrivacyDefaults.DEFAULT_DELTA;
    double budget = m.containsKey("budget")
        ? nodes.positive(m.get("budget"), "privacy.budget", true) : PrivacyDefaults.DEFAULT_BUDGET;
    checkEpsilonWithinBudget(m.get("epsilon") != null ? m.get("epsilon") : node, "privacy.epsilon", epsilon, budget);
    return new PrivacyDefaults(epsilon, delta, budget);
  }

  private double delta(Node node, String field) throws PolicyException {
    double d = nodes.number(node, field, false);
    if (!(d > 0 && d < 1)) {
      throw nodes.error(node, field, d + " (expected: > 0 and < 1)");
    }
    return d;
  }

  private void checkEpsilonWithinBudget(Node node, String field, double epsilon, double budget)
      throws PolicyException {
    if (epsilon > budget) {
      throw nodes.error(node, field, epsilon + " (expected: <= budget " + budget + ", or no training could run)");
    }
  }

  private TableMode mode(Node node, String field) throws PolicyException {
    String text = nodes.choice(node, field, List.of("synthetic", "real"));
    return text.equals("real") ? TableMode.REAL : TableMode.SYNTHETIC;
  }

  private void table(String key, String name, Node node, String field, PrivacyDefaults privacy, long defaultSeed,
      Map<String, TablePolicy> tables, Map<String, ParentPolicy> parents) throws PolicyException {
    if (tables.containsKey(key)) {
      throw nodes.error(node, field, "table listed twice (" + key + ")");
    }
    Map<String, Node> m = nodes.mapping(node, field, TABLE_KEYS);
    // Sensitive by default: a listed table without a mode is synthetic even under `default: real`.
    TableMode mode = m.containsKey("mode") ? mode(m.get("mode"), field + ".mode") : TableMode.SYNTHETIC;
    if (mode == TableMode.REAL) {
      for (String k : m.keySet()) {
        if (!REAL_TABLE_KEYS.contains(k)) {
          throw nodes.error(PolicyNodes.keyNode(node, k), field + "." + k,
              "applies only to synthetic tables (this table has mode: real)");
        }
      }
    } else if (m.containsKey("writable") && nodes.bool(m.get("writable"), field + ".writable")) {
      throw nodes.error(m.get("writable"), field + ".writable",
          "true (expected: false; only mode: real tables can be writable)");
    }
    boolean writable = m.containsKey("writable") && nodes.bool(m.get("writable"), field + ".writable");
    String generator = m.containsKey("generator") ? generator(m.get("generator"), field + ".generator")
        : Policy.DEFAULT_GENERATOR;
    double epsilon = m.containsKey("epsilon")
        ? nodes.positive(m.get("epsilon"), field + ".epsilon", true) : privacy.epsilon();
    double delta = m.containsKey("delta") ? delta(m.get("delta"), field + ".delta") : privacy.delta();
    double budget = m.containsKey("budget")
        ? nodes.positive(m.get("budget"), field + ".budget", true) : privacy.budget();
    Node epsilonNode = m.containsKey("epsilon") ? m.get("epsilon") : m.getOrDefault("budget", node);
    if (mode == TableMode.SYNTHETIC) {
      checkEpsilonWithinBudget(epsilonNode, field + ".epsilon", epsilon, budget);
    }
    Long rows = m.containsKey("rows") ? rows(m.get("rows"), field + ".rows") : null;
    TrainMode train = TrainMode.AUTO;
    if (m.containsKey("train")) {
      train = nodes.choice(m.get("train"), field + ".train", List.of("auto", "manual")).equals("manual")
          ? TrainMode.MANUAL : TrainMode.AUTO;
    }
    long seed = m.containsKey("seed") ? nodes.integer(m.get("seed"), field + ".seed") : defaultSeed;
    Map<String, String> options = options(m.get("options"), field + ".options");
    Map<String, ColumnPolicy> cols = columns.parse(m.get("columns"), field + ".columns");
    List<ParentPolicy> declared = m.containsKey("parent") ? parents(m.get("parent"), field + ".parent") : List.of();
    if (!declared.isEmpty()) {
      parents.put(key, declared.get(0));
    }
    long maxTrainingRows = m.containsKey("max_training_rows")
        ? maxTrainingRows(m.get("max_training_rows"), field + ".max_training_rows")
        : TablePolicy.DEFAULT_MAX_TRAINING_ROWS;
    tables.put(key, new TablePolicy(name, mode, generator, epsilon, delta, budget, rows, train, seed, cols, options,
        writable, declared, maxTrainingRows));
  }

  private String generator(Node node, String field) throws PolicyException {
    String name = nodes.string(node, field).trim().toLowerCase(Locale.ROOT);
    Set<String> known = knownGenerators();
    if (!known.contains(name)) {
      throw nodes.error(node, field, "unknown generator '" + name + "' (expected: " + String.join(", ", known) + ")");
    }
    return name;
  }

  /** Documented generators plus every one registered on the class path, sorted. */
  static Set<String> knownGenerators() {
    Set<String> known = new TreeSet<>(DOCUMENTED_GENERATORS);
    known.addAll(Generators.names());
    return known;
  }

  private Long rows(Node node, String field) throws PolicyException {
    String text = nodes.string(node, field).trim();
    if (text.equalsIgnoreCase("noisy")) {
      return null;
    }
    long n;
    try {
      n = nodes.integer(node, field);
    } catch (PolicyException e) {
      throw nodes.error(node, field, "'" + text + "' (expected: noisy or a whole number >= 0)");
    }
    if (n < 0) {
      throw nodes.error(node, field, n + " (expected: noisy or a whole number >= 0)");
    }
    return n;
  }

  /** {@code all} (no cap, 0) or a whole number of at least {@link TrainingSample#MIN_CAP}. */
  private long maxTrainingRows(Node node, String field) throws PolicyException {
    String expected = " (expected: all or a whole number >= " + TrainingSample.MIN_CAP + ")";
    String text = nodes.string(node, field).trim();
    if (text.equalsIgnoreCase("all")) {
      return 0;
    }
    long n;
    try {
      n = nodes.integer(node, field);
    } catch (PolicyException e) {
      throw nodes.error(node, field, "'" + text + "'" + expected);
    }
    if (n < TrainingSample.MIN_CAP) {
      throw nodes.error(node, field, n + expected);
    }
    return n;
  }

  private Map<String, String> options(Node node, String field) throws PolicyException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : nodes.mapping(node, field, null).entrySet()) {
      out.put(e.getKey(), nodes.string(e.getValue(), field + "." + e.getKey()));
    }
    return out;
  }

  /** One {@code parent:} mapping, or a list of them (a child of several parents; the first drives the layout). */
  private List<ParentPolicy> parents(Node node, String field) throws PolicyException {
    if (node instanceof SequenceNode seq) {
      List<ParentPolicy> out = new ArrayList<>();
      for (int i = 0; i < seq.getValue().size(); i++) {
        out.add(parent(seq.getValue().get(i), field + "[" + i + "]"));
      }
      return out;
    }
    return List.of(parent(node, field));
  }

  private ParentPolicy parent(Node node, String field) throws PolicyException {
    Map<String, Node> m = nodes.mapping(node, field, PARENT_KEYS);
    for (String required : List.of("table", "key")) {
      if (!m.containsKey(required)) {
        throw nodes.error(node, field + "." + required, "missing (expected: the parent's " + required + ")");
      }
    }
    Integer cap = null;
    if (m.containsKey("max_rows_per_parent")) {
      long v = nodes.integer(m.get("max_rows_per_parent"), field + ".max_rows_per_parent");
      if (v <= 0 || v > Integer.MAX_VALUE) {
        throw nodes.error(m.get("max_rows_per_parent"), field + ".max_rows_per_parent", v + " (expected: > 0)");
      }
      cap = (int) v;
    }
    List<String> conditionOn = null;
    if (m.containsKey("condition_on")) {
      Node list = m.get("condition_on");
      if (!(list instanceof SequenceNode seq)) {
        throw nodes.error(list, field + ".condition_on", "(expected: a list of the parent's column names, or [])");
      }
      conditionOn = new ArrayList<>();
      for (int i = 0; i < seq.getValue().size(); i++) {
        conditionOn.add(nodes.string(seq.getValue().get(i), field + ".condition_on[" + i + "]").trim());
      }
    }
    // The parent is named like a policy key, so it folds as PostgreSQL folds an identifier: `Playlist` is
    // `playlist`, the name a client uses for H2's PLAYLIST, and so finds that table's entry and mode.
    String parentText = nodes.string(m.get("table"), field + ".table").trim();
    TableName parent;
    try {
      parent = TableName.parse(parentText);
    } catch (IllegalArgumentException bad) {
      throw nodes.error(m.get("table"), field + ".table", "'" + parentText + "' (expected: a table name as"
          + " PostgreSQL reads it: playlist or \"Playlist\")");
    }
    return new ParentPolicy(parent.name(), nodes.string(m.get("key"), field + ".key").trim(), cap, conditionOn);
  }
}
