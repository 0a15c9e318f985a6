package io.surrogate.driver;

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

/**
 * Creates the test source: a sensitive {@code patients} table of unique rows (plus an in-memory holdout
 * drawn from the same distribution), a public {@code countries} table, a child {@code visits} table with
 * a foreign key, a {@code manual_notes} table trained only manually, and a view over patients.
 */
final class SourceFixture {
  static final String[] COUNTRIES = {"DE", "FR", "IT", "ES", "NL"};
  static final int PATIENTS = 2_000;

  /** Non-key, non-PII columns of one patient: age, income, score, sex, country, born. */
  record Patient(int age, BigDecimal income, double score, String sex, String country, LocalDate born) {
  }

  final List<Patient> train;
  final List<Patient> holdout;

  SourceFixture(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    train = draw(random, PATIENTS);
    holdout = draw(random, PATIENTS);
  }

  private static List<Patient> draw(SplittableRandom r, int n) {
    List<Patient> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int age = 18 + r.nextInt(70);
      BigDecimal income = BigDecimal.valueOf(20_000 + age * 400 + r.nextDouble() * 30_000).setScale(2, RoundingMode.HALF_EVEN);
      double score = Math.round((age / 10.0 + r.nextGaussian()) * 1e6) / 1e6;
      String sex = r.nextInt(2) == 0 ? "F" : "M";
      String country = COUNTRIES[r.nextInt(COUNTRIES.length)];
      LocalDate born = LocalDate.of(2024, 1, 1).minusDays(age * 365L + r.nextInt(365));
      out.add(new Patient(age, income, score, sex, country, born));
    }
    return out;
  }

  /** Creates and fills the tables in the connection's current schema. */
  void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE countries (code VARCHAR(2) PRIMARY KEY, name VARCHAR(40) NOT NULL)");
      s.execute("CREATE TABLE patients (id INTEGER PRIMARY KEY, age INTEGER NOT NULL, income DECIMAL(12,2),"
          + " score DOUBLE PRECISION, sex VARCHAR(1), country VARCHAR(2) REFERENCES countries(code), born DATE,"
          + " email VARCHAR(80))");
      s.execute("CREATE INDEX patients_age ON patients(age)");
      s.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, patient_id INTEGER REFERENCES patients(id),"
          + " cost DECIMAL(10,2))");
      s.execute("CREATE TABLE manual_notes (id INTEGER PRIMARY KEY, note VARCHAR(20))");
      s.execute("CREATE TABLE ledgered (id INTEGER PRIMARY KEY, amount INTEGER)");
      s.execute("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, msg VARCHAR(40))");
      s.execute("CREATE VIEW adults AS SELECT id, age, sex FROM patients WHERE age >= 18");
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO countries VALUES (?, ?)")) {
      for (String code : COUNTRIES) {
        p.setString(1, code);
        p.setString(2, "Country " + code);
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO patients VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < train.size(); i++) {
        Patient t = train.get(i);
        p.setInt(1, i + 1);
        p.setInt(2, t.age());
        p.setBigDecimal(3, t.income());
        p.setDouble(4, t.score());
        p.setString(5, t.sex());
        p.setString(6, t.country());
        p.setObject(7, t.born());
        p.setString(8, "person" + i + "@real.example");
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO visits VALUES (?, ?, ?)")) {
      for (int i = 0; i < 3_000; i++) {
        p.setInt(1, i + 1);
        p.setInt(2, 1 + i % PATIENTS);
        p.setBigDecimal(3, BigDecimal.valueOf(50 + (i * 37L) % 400));
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO ledgered VALUES (?, ?)")) {
      for (int i = 0; i < 500; i++) {
        p.setInt(1, i + 1);
        p.setInt(2, i % 97);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** The policy: countries real (and writable only in {@code writableCountries} mode), the rest synthetic. */
  static String policy() {
    return """
        default: synthetic
        privacy: { epsilon: 1.0, delta: 1e-9, budget: 10.0 }
        seed: 11
        tables:
          countries: { mode: real }
          audit_log: { mode: real, writable: true }
          patients:
            generator: copula
            epsilon: 2.0
            columns:
              email: { pii: email }
              age: { bounds: [0, 120] }
              income: { bounds: [0, 200000] }
              score: { bounds: [-10, 20] }
              sex: { domain: [F, M] }
              country: { domain: [DE, FR, IT, ES, NL] }
              born: { bounds: [1900-01-01, 2025-12-31] }
          visits:
            columns:
              cost: { bounds: [0, 1000] }
          adults:
            columns:
              age: { bounds: [0, 120] }
              sex: { domain: [F, M] }
          manual_notes: { train: manual }
          ledgered:
            epsilon: 1.0
            budget: 1.5
            columns:
              amount: { bounds: [0, 100] }
        """;
  }
}
