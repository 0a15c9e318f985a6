package io.surrogate.proxy.types;

import java.sql.Types;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The PostgreSQL types the proxy sends and receives, with their OIDs and fixed sizes. */
public enum PgType {
  BOOL(16, "bool", 1),
  BYTEA(17, "bytea", -1),
  NAME(19, "name", 64),
  INT8(20, "int8", 8),
  INT2(21, "int2", 2),
  INT4(23, "int4", 4),
  TEXT(25, "text", -1),
  OID(26, "oid", 4),
  FLOAT4(700, "float4", 4),
  FLOAT8(701, "float8", 8),
  UNKNOWN(705, "unknown", -2),
  BPCHAR(1042, "bpchar", -1),
  VARCHAR(1043, "varchar", -1),
  DATE(1082, "date", 4),
  TIME(1083, "time", 8),
  TIMESTAMP(1114, "timestamp", 8),
  TIMESTAMPTZ(1184, "timestamptz", 8),
  NUMERIC(1700, "numeric", -1),
  UUID(2950, "uuid", 16),
  BOOL_ARRAY(1000, "_bool", -1),
  INT2_ARRAY(1005, "_int2", -1),
  INT4_ARRAY(1007, "_int4", -1),
  TEXT_ARRAY(1009, "_text", -1),
  INT8_ARRAY(1016, "_int8", -1),
  FLOAT4_ARRAY(1021, "_float4", -1),
  FLOAT8_ARRAY(1022, "_float8", -1),
  VARCHAR_ARRAY(1015, "_varchar", -1);

  private static final Map<Integer, PgType> BY_OID = new HashMap<>();

  static {
    for (PgType t : values()) {
      BY_OID.put(t.oid, t);
    }
  }

  private final int oid;
  private final String typeName;
  private final short size;

  PgType(int oid, String typeName, int size) {
    this.oid = oid;
    this.typeName = typeName;
    this.size = (short) size;
  }

  /** The type's OID in {@code pg_type}. */
  public int oid() {
    return oid;
  }

  /** The type's name in {@code pg_type}. */
  public String typeName() {
    return typeName;
  }

  /** The name PostgreSQL's messages use for the type ({@code format_type}), e.g. {@code integer} for int4. */
  public String displayName() {
    return switch (this) {
      case BOOL -> "boolean";
      case INT2 -> "smallint";
      case INT4 -> "integer";
      case INT8 -> "bigint";
      case FLOAT4 -> "real";
      case FLOAT8 -> "double precision";
      case BPCHAR -> "character";
      case VARCHAR -> "character varying";
      case TIMESTAMP -> "timestamp without time zone";
      case TIMESTAMPTZ -> "timestamp with time zone";
      case TIME -> "time without time zone";
      default -> typeName;
    };
  }

  /** {@code typlen}: the fixed size in bytes, or -1 for variable length. */
  public short size() {
    return size;
  }

  /** Whether values of this type are character strings. */
  public boolean isText() {
    return this == TEXT || this == VARCHAR || this == BPCHAR || this == NAME || this == UNKNOWN;
  }

  /** The element type of an array type ({@code typelem}), or {@code null} for a scalar type. */
  public PgType element() {
    return switch (this) {
      case BOOL_ARRAY -> BOOL;
      case INT2_ARRAY -> INT2;
      case INT4_ARRAY -> INT4;
      case TEXT_ARRAY -> TEXT;
      case INT8_ARRAY -> INT8;
      case FLOAT4_ARRAY -> FLOAT4;
      case FLOAT8_ARRAY -> FLOAT8;
      case VARCHAR_ARRAY -> VARCHAR;
      default -> null;
    };
  }

  /** The array type whose elements are of this type ({@code typarray}), or {@code null} when the proxy has none. */
  public PgType array() {
    for (PgType t : values()) {
      if (t.element() == this) {
        return t;
      }
    }
    return null;
  }

  /** The type with this OID, or {@code null} when the proxy does not know it (OID 0 included). */
  public static PgType ofOid(int oid) {
    return BY_OID.get(oid);
  }

  /**
   * Maps a JDBC type code (and type name, for types such as UUID that JDBC lacks, and for the element type of an
   * array, e.g. {@code SMALLINT ARRAY}) to a PostgreSQL type; arrays of other elements go out as text.
   */
  public static PgType ofJdbc(int sqlType, String typeName) {
    String name = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
    if (name.equals("UUID")) {
      return UUID;
    }
    if (sqlType == Types.ARRAY) {
      return arrayOf(name);
    }
    return switch (sqlType) {
      case Types.BOOLEAN, Types.BIT -> BOOL;
      case Types.TINYINT, Types.SMALLINT -> INT2;
      case Types.INTEGER -> INT4;
      case Types.BIGINT -> INT8;
      case Types.REAL -> FLOAT4;
      case Types.FLOAT, Types.DOUBLE -> FLOAT8;
      case Types.NUMERIC, Types.DECIMAL -> NUMERIC;
      case Types.CHAR, Types.NCHAR -> BPCHAR;
      case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR -> VARCHAR;
      case Types.CLOB, Types.NCLOB -> TEXT;
      case Types.DATE -> DATE;
      case Types.TIME, Types.TIME_WITH_TIMEZONE -> TIME;
      case Types.TIMESTAMP -> TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMPTZ;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTEA;
      default -> TEXT;
    };
  }

  private static PgType arrayOf(String typeName) {
    String element = typeName.replaceAll("\\s*ARRAY$", "").replaceAll("\\(.*\\)", "").strip();
    return switch (element) {
      case "BOOLEAN" -> BOOL_ARRAY;
      case "TINYINT", "SMALLINT" -> INT2_ARRAY;
      case "INTEGER" -> INT4_ARRAY;
      case "BIGINT" -> INT8_ARRAY;
      case "REAL" -> FLOAT4_ARRAY;
      case "FLOAT", "DOUBLE" -> FLOAT8_ARRAY;
      case "VARCHAR" -> VARCHAR_ARRAY;
      default -> TEXT_ARRAY;
    };
  }
}
