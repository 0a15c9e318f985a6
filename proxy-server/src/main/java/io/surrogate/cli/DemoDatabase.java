package io.surrogate.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Writes the demo's clinic into a source database: patients with PII and correlated health measures,
 * their visits, and a real reference table of departments. Seeded, so every run writes the same rows.
 */
final class DemoDatabase {
  static final int PATIENTS = 5_000;
  static final int VISITS = 20_000;

  private static final List<String> DEPARTMENTS =
      List.of("Cardiology", "Dermatology", "Emergency", "General Practice", "Neurology", "Orthopedics");
  private static final int[] DEPARTMENT_FLOORS = {3, 2, 0, 1, 4, 2};
  private static final double[] DEPARTMENT_BASE_COST = {420, 160, 650, 90, 380, 300};
  private static final List<String> BLOOD = List.of("O+", "A+", "B+", "AB+", "O-", "A-", "B-", "AB-");
  private static final double[] BLOOD_P = {0.37, 0.33, 0.09, 0.03, 0.07, 0.06, 0.02, 0.03};
  private static final List<String> CITIES = List.of("Northbrook", "Easton", "Westfield", "Southport", "Midvale");
  private static final List<String> FIRST = List.of("Alice", "Bob", "Carla", "David", "Emma", "Frank", "Gina", "Hugo");
  private static final List<String> LAST = List.of("Meyer", "Okoro", "Lindgren", "Sato", "Pereira", "Novak", "Haas");

  private DemoDatabase() {
  }

  /** Creates and fills the three tables in {@code connection}'s current schema. */
  static void create(Connection connection, long seed) throws SQLException {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE departments (department_id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, floor INT)");
      s.execute("CREATE TABLE patients (patient_id INT PRIMARY KEY, full_name VARCHAR(80), email VARCHAR(120),"
          + " phone VARCHAR(30), birth_year INT NOT NULL, sex VARCHAR(1) NOT NULL, blood_type VARCHAR(3),"
          + " bmi DECIMAL(4,1) NOT NULL, systolic_bp INT NOT NULL, smoker BOOLEAN NOT NULL, city VARCHAR(40),"
          + " registered_on DATE NOT NULL)");
      s.execute("CREATE TABLE visits (visit_id INT PRIMARY KEY, patient_id INT NOT NULL REFERENCES patients,"
          + " department_id INT NOT NULL REFERENCES departments, visited_at TIMESTAMP NOT NULL,"
          + " diagnosis VARCHAR(10), cost DECIMAL(10,2) NOT NULL)");
    }
    try (PreparedStatement p = connection.prepareStatement("INSERT INTO departments VALUES (?, ?, ?)")) {
      for (int d = 0; d < DEPARTMENTS.size(); d++) {
        p.setInt(1, d + 1);
        p.setString(2, DEPARTMENTS.get(d));
        p.setInt(3, DEPARTMENT_FLOORS[d]);
        p.addBatch();
      }
      p.executeBatch();
    }
    int[] birthYears = insertPatients(connection, random);
    insertVisits(connection, random, birthYears);
  }

  private static int[] insertPatients(Connection connection, RandomGenerator random) throws SQLException {
    int[] birthYears = new int[PATIENTS + 1];
    try (PreparedStatement p = connection.prepareStatement(
        "INSERT INTO patients VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= PATIENTS; id++) {
        int age = (int) Math.round(clamp(45 + 18 * random.nextGaussian(), 18, 95));
        boolean smoker = random.nextDouble() < (age < 40 ? 0.28 : 0.18);
        double bmi = clamp(24 + 0.06 * (age - 45) + 4.2 * random.nextGaussian(), 15, 48);
        double bp = 98 + 0.55 * age + 1.1 * (bmi - 24) + (smoker ? 9 : 0) + 11 * random.nextGaussian();
        String first = FIRST.get(random.nextInt(FIRST.size()));
        String last = LAST.get(random.nextInt(LAST.size()));
        birthYears[id] = 2025 - age;
        p.setInt(1, id);
        p.setString(2, first + " " + last + " " + id);
        p.setString(3, (first + "." + last + id + "@mail.test").toLowerCase(Locale.ROOT));
        p.setString(4, String.format(Locale.ROOT, "+44 20 %04d %04d", random.nextInt(10000), id));
        p.setInt(5, birthYears[id]);
        p.setString(6, random.nextDouble() < 0.51 ? "F" : "M");
        p.setString(7, random.nextDouble() < 0.04 ? null : BLOOD.get(pick(BLOOD_P, random)));
        p.setBigDecimal(8, BigDecimal.valueOf(bmi).setScale(1, RoundingMode.HALF_UP));
        p.setInt(9, (int) Math.round(bp));
        p.setBoolean(10, smoker);
        p.setString(11, CITIES.get(Math.min(CITIES.size() - 1, (int) Math.abs(random.nextGaussian() * 1.6))));
        p.setDate(12, Date.valueOf(LocalDate.of(2015, 1, 1).plusDays(random.nextInt(3650))));
        p.addBatch();
        if (id % 1000 == 0) {
          p.executeBatch();
        }
      }
      p.executeBatch();
    }
    return birthYears;
  }

  private static void insertVisits(Connection connection, RandomGenerator random, int[] birthYears)
      throws SQLException {
    try (PreparedStatement p = connection.prepareStatement("INSERT INTO visits VALUES (?, ?, ?, ?, ?, ?)")) {
      LocalDateTime start = LocalDateTime.of(2023, 1, 1, 8, 0);
      for (int id = 1; id <= VISITS; id++) {
        int patient = 1 + random.nextInt(PATIENTS);
        int age = 2025 - birthYears[patient];
        int dept = age > 60 && random.nextDouble() < 0.35 ? 0 : random.nextInt(DEPARTMENTS.size());
        double cost = DEPARTMENT_BASE_COST[dept] * (0.8 + 0.004 * age) * Math.exp(0.35 * random.nextGaussian());
        p.setInt(1, id);
        p.setInt(2, patient);
        p.setInt(3, dept + 1);
        p.setTimestamp(4, Timestamp.valueOf(start.plusMinutes(random.nextInt(2 * 365 * 24 * 60))));
        p.setString(5, random.nextDouble() < 0.1 ? null : "D" + (dept * 10 + random.nextInt(5)));
        p.setBigDecimal(6, BigDecimal.valueOf(cost).setScale(2, RoundingMode.HALF_UP));
        p.addBatch();
        if (id % 2000 == 0) {
          p.executeBatch();
        }
      }
      p.executeBatch();
    }
  }

  private static int pick(double[] p, RandomGenerator random) {
    double u = random.nextDouble();
    for (int i = 0; i < p.length; i++) {
      u -= p[i];
      if (u < 0) {
        return i;
      }
    }
    return p.length - 1;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
