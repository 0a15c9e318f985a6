package io.surrogate.it.leak;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds the H2 source: a sensitive {@code accounts} table salted with canaries, a real table, a view, an unlisted table. */
final class LeakFixture {
  static final String[] GRADES = {"A", "B", "C", "D"};
  static final String[] TAGS = {"retail", "business", "student", "private"};
  static final String[] CANARY_TAGS = {"CANARY-7f3a9c21", "CANARY-b81e44d0", "CANARY-0c5fd2e7"};
  static final BigDecimal CANARY_AMOUNT = new BigDecimal("987654.321");
  static final LocalDate CANARY_DATE = LocalDate.of(1901, 2, 3);
  /** Substrings that must never appear anywhere a client or log can see. */
  static final List<String> CANARIES = List.of("CANARY", "canary-", "987654", "9.87654", "1901-02-03", "19010203",
      "UNLISTED-SECRET", "NOTE-SECRET");
  static final int ROWS = 2_000;

  /** Non-key columns of one generated row. */
  record Row(String grade, int age, String tag, BigDecimal amount, LocalDate opened) {
  }

  final List<Row> train;
  final List<Row> holdout;

  LeakFixture(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    train = draw(r, ROWS);
    holdout = draw(r, ROWS);
  }

  private static List<Row> draw(SplittableRandom r, int n) {
    List<Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int g = r.nextInt(GRADES.length);
      int age = 18 + r.nextInt(60);
      BigDecimal amount = BigDecimal.valueOf(100 + g * 1500 + r.nextDouble() * 2000).setScale(3, RoundingMode.HALF_EVEN);
      LocalDate opened = LocalDate.of(2020, 1, 1).plusDays(r.nextInt(1000));
      out.add(new Row(GRADES[g], age, TAGS[r.nextInt(TAGS.length)], amount, opened));
    }
    return out;
  }

  void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE branches (code VARCHAR(1) PRIMARY KEY, city VARCHAR(40) NOT NULL)");
      s.execute("INSERT INTO branches VALUES ('A', 'Realtown'), ('B', 'Bville'), ('C', 'Ccity'), ('D', 'Dorf')");
      s.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, grade VARCHAR(1) NOT NULL, age INTEGER NOT NULL,"
          + " tag VARCHAR(40) NOT NULL, amount DECIMAL(12,3) NOT NULL, opened DATE NOT NULL, email VARCHAR(80))");
      s.execute("CREATE VIEW big_accounts AS SELECT id, grade, tag, amount FROM accounts WHERE amount > 1000");
      s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, note VARCHAR(40) NOT NULL)");
      s.execute("INSERT INTO notes SELECT x, CASE WHEN x = 7 THEN 'NOTE-SECRET-1' ELSE 'plain' END"
          + " FROM SYSTEM_RANGE(1, 300)");
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < train.size(); i++) {
        Row t = train.get(i);
        boolean canary = i < CANARY_TAGS.length;
        p.setInt(1, i + 1);
        p.setString(2, t.grade());
        p.setInt(3, t.age());
        p.setString(4, canary ? CANARY_TAGS[i] : t.tag());
        p.setBigDecimal(5, i == 10 ? CANARY_AMOUNT : t.amount());
        p.setObject(6, i == 11 ? CANARY_DATE : t.opened());
        p.setString(7, i == 12 ? "canary-mail@UNLISTED-SECRET.example" : "user" + i + "@real.example");
        p.addBatch();
      }
      p.executeBatch();
    }
  }
}
