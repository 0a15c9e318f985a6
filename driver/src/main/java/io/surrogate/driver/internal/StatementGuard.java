package io.surrogate.driver.internal;

import io.surrogate.catalog.SqlState;
import io.surrogate.catalog.TablePolicy;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Refuses writes before Calcite plans them: DML on a synthetic table (42501), on a real table the
 * policy does not mark {@code writable} (25006), on anything else (42501); DDL always (42501 when it
 * names a synthetic table, else 0A000). Statements it cannot parse are left to Calcite's parser,
 * which reports them as 42601.
 */
final class StatementGuard {
  private static final Set<String> DDL_VERBS = Set.of("create", "drop", "alter", "truncate", "comment", "grant",
      "revoke", "rename", "reindex", "vacuum", "analyze", "cluster", "refresh", "copy", "lock");
  private static final Pattern WORD = Pattern.compile("\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*");
  private final Engine engine;

  StatementGuard(Engine engine) {
    this.engine = engine;
  }

  /** Throws a {@link SqlStates.Carrier} when {@code sql} is a refused write; returns normally otherwise. */
  void check(String sql, SqlParser.Config parserConfig) {
    SqlNode node;
    try {
      node = SqlParser.create(sql, parserConfig).parseStmt();
    } catch (SqlParseException e) {
      checkUnparsedDdl(sql);
      return;
    }
    if (node.getKind() == SqlKind.EXPLAIN || node.getKind() == SqlKind.DESCRIBE_SCHEMA
        || node.getKind() == SqlKind.DESCRIBE_TABLE) {
      return;
    }
    SqlIdentifier target = switch (node.getKind()) {
      case INSERT -> identifier(((SqlInsert) node).getTargetTable());
      case UPDATE -> identifier(((SqlUpdate) node).getTargetTable());
      case DELETE -> identifier(((SqlDelete) node).getTargetTable());
      case MERGE -> identifier(((SqlMerge) node).getTargetTable());
      default -> null;
    };
    if (target != null) {
      checkWrite(target);
    } else if (SqlKind.DDL.contains(node.getKind())) {
      checkDdl(node);
    }
  }

  private void checkWrite(SqlIdentifier target) {
    String name = target.names.get(target.names.size() - 1);
    SourceSchema.Entry entry = resolve(target);
    if (entry == null) {
      throw SqlStates.carry(SqlState.INSUFFICIENT_PRIVILEGE, "relation " + name
          + " is not a table of the source and is read-only");
    }
    if (!entry.real()) {
      throw SqlStates.carry(SqlState.INSUFFICIENT_PRIVILEGE, "table " + entry.name()
          + " is synthetic and read-only");
    }
    TablePolicy tp = engine.policy().forTable(entry.name());
    if (!tp.writable()) {
      throw SqlStates.carry(SqlState.READ_ONLY_SQL_TRANSACTION, "table " + entry.name()
          + " is real and read-only (the policy does not mark it writable: true)");
    }
  }

  private void checkDdl(SqlNode node) {
    if (node instanceof SqlCall call) {
      for (SqlNode operand : call.getOperandList()) {
        if (operand instanceof SqlIdentifier id) {
          SourceSchema.Entry entry = resolve(id);
          if (entry != null && !entry.real()) {
            throw SqlStates.carry(SqlState.INSUFFICIENT_PRIVILEGE, "table " + entry.name()
                + " is synthetic and read-only");
          }
        }
      }
    }
    throw SqlStates.carry(SqlState.FEATURE_NOT_SUPPORTED, "DDL (" + node.getKind().sql
        + ") is not supported through Surrogate; change the schema in the source database");
  }

  /**
   * The Babel grammar has no DDL, so DDL arrives here unparsed: recognised by its first keyword, it is
   * refused as DDL instead of as a syntax error, with 42501 when any word in it names a synthetic table.
   */
  private void checkUnparsedDdl(String sql) {
    Matcher words = WORD.matcher(sql);
    if (!words.find() || !DDL_VERBS.contains(words.group().toLowerCase(Locale.ROOT))) {
      return;
    }
    String verb = words.group().toUpperCase(Locale.ROOT);
    while (words.find()) {
      String word = words.group();
      String name = word.startsWith("\"") ? word.substring(1, word.length() - 1) : word;
      SourceSchema.Entry entry = resolve(new SqlIdentifier(name, SqlParserPos.ZERO));
      if (entry != null && !entry.real()) {
        throw SqlStates.carry(SqlState.INSUFFICIENT_PRIVILEGE, "table " + entry.name()
            + " is synthetic and read-only");
      }
    }
    throw SqlStates.carry(SqlState.FEATURE_NOT_SUPPORTED, "DDL (" + verb
        + ") is not supported through Surrogate; change the schema in the source database");
  }

  /** The source table an identifier names (by PostgreSQL's rules, as Calcite resolves it), or null. */
  private SourceSchema.Entry resolve(SqlIdentifier id) {
    List<String> names = id.names;
    if (names.size() > 2) {
      return null;
    }
    if (names.size() == 2 && !names.get(0).equalsIgnoreCase(engine.schemaName())) {
      return null;
    }
    return engine.sourceSchema().directory().get(names.get(names.size() - 1));
  }

  private static SqlIdentifier identifier(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return id;
    }
    if (node instanceof SqlCall call && call.getKind() == SqlKind.AS) {
      return identifier(call.operand(0));
    }
    return null;
  }
}
