package io.surrogate.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Loads the shared Chinook CSVs into a database with their primary and foreign keys declared. */
public final class ChinookDatabase {
  /** Tables in load order (parents first), each with its DDL; identifiers unquoted so each database folds them. */
  public static final List<String[]> TABLES = List.of(
      new String[] {"Artist", "ArtistId INTEGER PRIMARY KEY, Name VARCHAR(120)"},
      new String[] {"Album", "AlbumId INTEGER PRIMARY KEY, Title VARCHAR(160) NOT NULL,"
          + " ArtistId INTEGER NOT NULL REFERENCES Artist (ArtistId)"},
      new String[] {"Genre", "GenreId INTEGER PRIMARY KEY, Name VARCHAR(120)"},
      new String[] {"MediaType", "MediaTypeId INTEGER PRIMARY KEY, Name VARCHAR(120)"},
      new String[] {"Playlist", "PlaylistId INTEGER PRIMARY KEY, Name VARCHAR(120)"},
      new String[] {"Track", "TrackId INTEGER PRIMARY KEY, Name VARCHAR(200) NOT NULL,"
          + " AlbumId INTEGER REFERENCES Album (AlbumId), MediaTypeId INTEGER NOT NULL REFERENCES MediaType (MediaTypeId),"
          + " GenreId INTEGER REFERENCES Genre (GenreId), Composer VARCHAR(220), Milliseconds INTEGER NOT NULL,"
          + " Bytes INTEGER, UnitPrice NUMERIC(10,2) NOT NULL"},
      new String[] {"Employee", "EmployeeId INTEGER PRIMARY KEY, LastName VARCHAR(20) NOT NULL,"
          + " FirstName VARCHAR(20) NOT NULL, Title VARCHAR(30), ReportsTo INTEGER REFERENCES Employee (EmployeeId),"
          + " BirthDate TIMESTAMP, HireDate TIMESTAMP, Address VARCHAR(70), City VARCHAR(40), State VARCHAR(40),"
          + " Country VARCHAR(40), PostalCode VARCHAR(10), Phone VARCHAR(24), Fax VARCHAR(24), Email VARCHAR(60)"},
      new String[] {"Customer", "CustomerId INTEGER PRIMARY KEY, FirstName VARCHAR(40) NOT NULL,"
          + " LastName VARCHAR(20) NOT NULL, Company VARCHAR(80), Address VARCHAR(70), City VARCHAR(40),"
          + " State VARCHAR(40), Country VARCHAR(40), PostalCode VARCHAR(10), Phone VARCHAR(24), Fax VARCHAR(24),"
          + " Email VARCHAR(60) NOT NULL, SupportRepId INTEGER REFERENCES Employee (EmployeeId)"},
      new String[] {"Invoice", "InvoiceId INTEGER PRIMARY KEY, CustomerId INTEGER NOT NULL REFERENCES Customer"
          + " (CustomerId), InvoiceDate TIMESTAMP NOT NULL, BillingAddress VARCHAR(70), BillingCity VARCHAR(40),"
          + " BillingState VARCHAR(40), BillingCountry VARCHAR(40), BillingPostalCode VARCHAR(10),"
          + " Total NUMERIC(10,2) NOT NULL"},
      new String[] {"InvoiceLine", "InvoiceLineId INTEGER PRIMARY KEY, InvoiceId INTEGER NOT NULL REFERENCES Invoice"
          + " (InvoiceId), TrackId INTEGER NOT NULL REFERENCES Track (TrackId), UnitPrice NUMERIC(10,2) NOT NULL,"
          + " Quantity INTEGER NOT NULL"},
      new String[] {"PlaylistTrack", "PlaylistId INTEGER NOT NULL REFERENCES Playlist (PlaylistId),"
          + " TrackId INTEGER NOT NULL REFERENCES Track (TrackId), PRIMARY KEY (PlaylistId, TrackId)"});

  /** Countries are public knowledge; declaring the list keeps them at any ε (no DP threshold needed). */
  private static final String COUNTRIES = "[Argentina, Australia, Austria, Belgium, Brazil, Canada, Chile,"
      + " Czech Republic, Denmark, Finland, France, Germany, Hungary, India, Ireland, Italy, Netherlands, Norway,"
      + " Poland, Portugal, Spain, Sweden, USA, United Kingdom]";

  /**
   * The policy the tests use: the music catalogue is public, people and sales are synthetic; personal columns are
   * faked, and the bounds and domains a data owner would declare public are declared.
   */
  public static String policy(String epsilon, String generator) {
    String people = "      FirstName: { pii: first_name }\n      LastName: { pii: last_name }\n"
        + "      Email: { pii: email }\n      Phone: { pii: phone }\n      Fax: { pii: phone }\n"
        + "      Address: { pii: address }\n      PostalCode: { pii: free_text }\n      City: { pii: city }\n"
        + "      State: { pii: free_text }\n      Country: { domain: " + COUNTRIES + " }\n";
    return "default: synthetic\n"
        + "privacy: { epsilon: " + epsilon + ", delta: 1e-9, budget: " + ("inf".equals(epsilon) ? "inf" : "1000")
        + " }\n"
        + "tables:\n"
        + "  Artist: { mode: real }\n  Album: { mode: real }\n  Genre: { mode: real }\n"
        + "  MediaType: { mode: real }\n  Track: { mode: real }\n  Playlist: { mode: real }\n"
        + "  Employee:\n    generator: " + generator + "\n    rows: 8\n    columns:\n" + people
        + "      Title: { domain: [General Manager, IT Manager, IT Staff, Sales Manager, Sales Support Agent] }\n"
        + "      BirthDate: { bounds: [1940-01-01, 2005-12-31] }\n      HireDate: { bounds: [2000-01-01, 2010-12-31] }\n"
        + "  Customer:\n    generator: " + generator + "\n    columns:\n" + people
        + "      Company: { pii: free_text }\n"
        + "  Invoice:\n    generator: " + generator + "\n    columns:\n"
        + "      BillingAddress: { pii: address }\n      BillingPostalCode: { pii: free_text }\n"
        + "      BillingCity: { pii: city }\n      BillingState: { pii: free_text }\n"
        + "      BillingCountry: { domain: " + COUNTRIES + " }\n"
        + "      InvoiceDate: { bounds: [2021-01-01, 2025-12-31] }\n      Total: { bounds: [0, 30] }\n"
        + "  InvoiceLine:\n    generator: " + generator + "\n    columns:\n"
        + "      UnitPrice: { bounds: [0, 2] }\n      Quantity: { bounds: [1, 5] }\n"
        + "  PlaylistTrack:\n    parent: { table: Playlist, key: PlaylistId, max_rows_per_parent: 200 }\n";
  }

  private ChinookDatabase() {
  }

  /** The shared Chinook folder ({@code surrogate.datasets}/chinook). */
  public static Path folder() {
    return Path.of(System.getProperty("surrogate.datasets", "../shared/datasets")).resolve("chinook");
  }

  /** Whether the shared Chinook CSVs are there (a user's fresh clone may lack them). */
  public static boolean present() {
    return Files.isRegularFile(folder().resolve("Customer.csv"));
  }

  /** Creates and fills every Chinook table through {@code c} (in its current schema). */
  public static void load(Connection c, Path folder) throws SQLException, IOException {
    try (Statement s = c.createStatement()) {
      for (int i = TABLES.size() - 1; i >= 0; i--) {
        s.execute("DROP TABLE IF EXISTS " + TABLES.get(i)[0] + " CASCADE");
      }
      for (String[] t : TABLES) {
        s.execute("CREATE TABLE " + t[0] + " (" + t[1] + ")");
      }
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      for (String[] t : TABLES) {
        insert(c, t[0], folder.resolve(t[0] + ".csv"));
      }
      c.commit();
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static void insert(Connection c, String table, Path csv) throws SQLException, IOException {
    List<List<String>> records = records(csv);
    List<String> header = records.get(0);
    int[] types = new int[header.size()];
    try (Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
      for (int i = 0; i < types.length; i++) {
        types[i] = rs.getMetaData().getColumnType(i + 1);
      }
    }
    String marks = String.join(", ", java.util.Collections.nCopies(header.size(), "?"));
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", header)
        + ") VALUES (" + marks + ")")) {
      for (List<String> r : records.subList(1, records.size())) {
        for (int i = 0; i < types.length; i++) {
          set(ps, i + 1, types[i], r.get(i));
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void set(PreparedStatement ps, int i, int type, String v) throws SQLException {
    if (v.isEmpty()) {
      ps.setNull(i, type);
      return;
    }
    switch (type) {
      case Types.INTEGER, Types.BIGINT, Types.SMALLINT -> ps.setLong(i, Long.parseLong(v));
      case Types.NUMERIC, Types.DECIMAL -> ps.setBigDecimal(i, new BigDecimal(v));
      case Types.TIMESTAMP -> ps.setTimestamp(i, Timestamp.valueOf(LocalDateTime.parse(v,
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))));
      default -> ps.setString(i, v);
    }
  }

  /** Quote-aware CSV records, header first (addresses hold commas). */
  public static List<List<String>> records(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<List<String>> out = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        field.setLength(0);
        out.add(fields);
        fields = new ArrayList<>();
      } else {
        field.append(ch);
      }
    }
    if (field.length() > 0 || !fields.isEmpty()) {
      fields.add(field.toString());
      out.add(fields);
    }
    return out;
  }
}
