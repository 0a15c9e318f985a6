package io.surrogate.proxy.session;

import io.surrogate.catalog.SqlState;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Classifies one statement into a {@link Command} by its leading keywords. */
final class Commands {
  private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern BEGIN = Pattern.compile("(BEGIN|START\\s+TRANSACTION)(\\s.*)?", CI);
  private static final Pattern COMMIT = Pattern.compile("(COMMIT|END)(\\s+(WORK|TRANSACTION))?", CI);
  private static final Pattern ROLLBACK = Pattern.compile("(ROLLBACK|ABORT)(\\s+(WORK|TRANSACTION))?", CI);
  private static final Pattern SAVEPOINT = Pattern.compile("(SAVEPOINT|RELEASE|ROLLBACK\\s+TO)\\b.*", CI);
  private static final Pattern SET_TX = Pattern.compile(
      "SET\\s+(TRANSACTION|SESSION\\s+CHARACTERISTICS\\s+AS\\s+TRANSACTION)\\b.*", CI);
  private static final Pattern SET_TIME_ZONE = Pattern.compile(
      "SET\\s+(?:SESSION\\s+|LOCAL\\s+)?TIME\\s+ZONE\\s+(.+)", CI);
  private static final Pattern SET = Pattern.compile(
      "SET\\s+(?:SESSION\\s+|LOCAL\\s+)?([A-Za-z_][\\w.]*)\\s*(?:=|\\s+TO\\s+|\\s+TO$)\\s*(.*)", CI);
  private static final Pattern SHOW = Pattern.compile(
      "SHOW\\s+(ALL|TRANSACTION\\s+ISOLATION\\s+LEVEL|TIME\\s+ZONE|[A-Za-z_][\\w.]*)", CI);
  private static final Pattern RESET = Pattern.compile("RESET\\s+(ALL|TIME\\s+ZONE|[A-Za-z_][\\w.]*)", CI);
  private static final Pattern DISCARD = Pattern.compile("DISCARD\\s+(ALL|PLANS|SEQUENCES|TEMP|TEMPORARY)", CI);
  private static final Pattern DEALLOCATE = Pattern.compile("DEALLOCATE\\s+(?:PREPARE\\s+)?(\\w+|\"[^\"]+\")", CI);
  private static final Pattern SESSION_FUNCTION = Pattern.compile(
      "SELECT\\s+(?:pg_catalog\\.)?(version|current_database|current_schema|current_user|session_user|user"
          + "|pg_backend_pid|current_catalog)\\s*(\\(\\s*\\))?(?:\\s+(?:AS\\s+)?(\\w+|\"[^\"]+\"))?", CI);
  private static final Pattern NOTIFY = Pattern.compile("(LISTEN|UNLISTEN|NOTIFY|COPY)\\b.*", CI);

  private Commands() { }

  /** Classifies a single statement (no top-level semicolons). */
  static Command classify(String statement) {
    String s = SqlText.stripComments(statement);
    if (s.isEmpty()) {
      return new Command.Empty();
    }
    Matcher m;
    if (BEGIN.matcher(s).matches()) {
      return new Command.Begin();
    }
    if (COMMIT.matcher(s).matches()) {
      return new Command.Commit();
    }
    if (SAVEPOINT.matcher(s).matches()) {
      return new Command.Refused(SqlState.FEATURE_NOT_SUPPORTED.code(),
          "savepoints are not supported by the Surrogate proxy");
    }
    if (ROLLBACK.matcher(s).matches()) {
      return new Command.Rollback();
    }
    if (SET_TX.matcher(s).matches()) {
      return new Command.SetTransaction();
    }
    if ((m = SET_TIME_ZONE.matcher(s)).matches()) {
      return new Command.Set("TimeZone", settingValue(m.group(1)));
    }
    if ((m = SET.matcher(s)).matches()) {
      return new Command.Set(m.group(1), settingValue(m.group(2)));
    }
    if ((m = SHOW.matcher(s)).matches()) {
      return new Command.Show(showName(m.group(1)));
    }
    if ((m = RESET.matcher(s)).matches()) {
      String name = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      return new Command.Reset(name.equals("all") ? null : name.equals("time zone") ? "TimeZone" : m.group(1));
    }
    if ((m = DISCARD.matcher(s)).matches()) {
      return new Command.Discard(m.group(1).equalsIgnoreCase("ALL"));
    }
    if ((m = DEALLOCATE.matcher(s)).matches()) {
      String name = unquote(m.group(1));
      return new Command.Deallocate(name.equalsIgnoreCase("all") ? null : name);
    }
    if ((m = SESSION_FUNCTION.matcher(s)).matches()) {
      String fn = m.group(1).toLowerCase(Locale.ROOT);
      boolean parens = m.group(2) != null;
      boolean needsParens = fn.equals("version") || fn.equals("current_database") || fn.equals("pg_backend_pid");
      boolean forbidsParens = fn.endsWith("_user") || fn.equals("user") || fn.equals("current_catalog");
      if (parens == needsParens || (!forbidsParens && !needsParens)) {
        String column = m.group(3) != null ? unquote(m.group(3)) : fn;
        return new Command.SessionValue(column, fn);
      }
    }
    if (NOTIFY.matcher(s).matches()) {
      return new Command.Refused(SqlState.FEATURE_NOT_SUPPORTED.code(), SqlText.firstWord(s)
          + " is not supported by the Surrogate proxy");
    }
    return new Command.Engine(statement);
  }

  private static String showName(String raw) {
    String n = raw.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return switch (n) {
      case "all" -> null;
      case "transaction isolation level" -> "transaction_isolation";
      case "time zone" -> "TimeZone";
      default -> raw;
    };
  }

  /** The value of SET: DEFAULT → null, quotes removed, list elements joined as PostgreSQL shows them. */
  static String settingValue(String raw) {
    String v = raw.strip();
    if (v.equalsIgnoreCase("DEFAULT") || v.equalsIgnoreCase("LOCAL")) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String part : v.split(",(?=(?:[^']*'[^']*')*[^']*$)")) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(unquote(part.strip()));
    }
    return out.toString();
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
      return s.substring(1, s.length() - 1).replace("''", "'");
    }
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
    return s;
  }
}
