package io.surrogate.proxy.types;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Reads result-set values and encodes them in PostgreSQL's text or binary format. */
public final class ValueEncoder {
  /** Days and seconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01. */
  static final long PG_EPOCH_DAYS = 10_957L;
  static final long PG_EPOCH_SECONDS = PG_EPOCH_DAYS * 86_400L;
  private static final byte[] TRUE_TEXT = {'t'};
  private static final byte[] FALSE_TEXT = {'f'};
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final ZoneId zone;

  /** Creates an encoder that renders {@code timestamptz} text in {@code zone} (the session's TimeZone). */
  public ValueEncoder(ZoneId zone) {
    this.zone = zone;
  }

  /** Reads column {@code column} of the current row and encodes it; {@code null} for SQL NULL. */
  public byte[] read(ResultSet rs, int column, PgType type, boolean binary) throws SQLException {
    Object value = readValue(rs, column, type);
    if (value == null) {
      return null;
    }
    return binary ? encodeBinary(type, value) : encodeText(type, value);
  }

  static Object readValue(ResultSet rs, int column, PgType type) throws SQLException {
    if (type.element() != null) {
      java.sql.Array array = rs.getArray(column);
      // Arrays.asList: elements may be SQL NULL, which List.of refuses.
      return array == null ? null : java.util.Arrays.asList(ArrayCodec.elements(array.getArray()));
    }
    Object v = switch (type) {
      case BOOL -> rs.getBoolean(column);
      case INT2, INT4, INT8, OID -> rs.getLong(column);
      case FLOAT4 -> rs.getFloat(column);
      case FLOAT8 -> rs.getDouble(column);
      case NUMERIC -> rs.getBigDecimal(column);
      case BYTEA -> rs.getBytes(column);
      case DATE, TIME, TIMESTAMP, TIMESTAMPTZ, UUID -> rs.getObject(column);
      default -> rs.getString(column);
    };
    return rs.wasNull() ? null : v;
  }

  /** Encodes a value in text format. */
  public byte[] encodeText(PgType type, Object value) {
    if (type.element() != null) {
      return ArrayCodec.text(this, type.element(), (List<?>) value).getBytes(StandardCharsets.UTF_8);
    }
    return switch (type) {
      case BOOL -> (Boolean) value ? TRUE_TEXT : FALSE_TEXT;
      case FLOAT4 -> ascii(formatFloat(((Number) value).floatValue()));
      case FLOAT8 -> ascii(formatDouble(((Number) value).doubleValue()));
      case NUMERIC -> ascii(((BigDecimal) value).toPlainString());
      case DATE -> ascii(toLocalDate(value).toString());
      case TIME -> ascii(formatTime(toLocalTime(value)));
      case TIMESTAMP -> ascii(formatTimestamp(toLocalDateTime(value)));
      case TIMESTAMPTZ -> ascii(formatTimestamptz(toInstant(value)));
      case BYTEA -> ascii(hex((byte[]) value));
      case UUID -> ascii(toUuid(value).toString());
      default -> value.toString().getBytes(StandardCharsets.UTF_8);
    };
  }

  /** Encodes a value in binary format. */
  public byte[] encodeBinary(PgType type, Object value) {
    if (type.element() != null) {
      return ArrayCodec.binary(this, type.element(), (List<?>) value);
    }
    return switch (type) {
      case BOOL -> new byte[] {(byte) ((Boolean) value ? 1 : 0)};
      case INT2 -> ByteBuffer.allocate(2).putShort(((Number) value).shortValue()).array();
      case INT4, OID -> ByteBuffer.allocate(4).putInt(((Number) value).intValue()).array();
      case INT8 -> ByteBuffer.allocate(8).putLong(((Number) value).longValue()).array();
      case FLOAT4 -> ByteBuffer.allocate(4).putFloat(((Number) value).floatValue()).array();
      case FLOAT8 -> ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array();
      case NUMERIC -> PgNumeric.encode((BigDecimal) value);
      case DATE -> ByteBuffer.allocate(4).putInt((int) (toLocalDate(value).toEpochDay() - PG_EPOCH_DAYS)).array();
      case TIME -> ByteBuffer.allocate(8).putLong(toLocalTime(value).toNanoOfDay() / 1000).array();
      case TIMESTAMP -> ByteBuffer.allocate(8).putLong(micros(toLocalDateTime(value).toInstant(ZoneOffset.UTC)))
          .array();
      case TIMESTAMPTZ -> ByteBuffer.allocate(8).putLong(micros(toInstant(value))).array();
      case UUID -> uuidBytes(toUuid(value));
      case BYTEA -> (byte[]) value;
      default -> value.toString().getBytes(StandardCharsets.UTF_8);
    };
  }

  static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L),
        instant.getNano() / 1000);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Formats like PostgreSQL 12+: shortest exact digits, exponent form outside 1e-4 .. 1e15. */
  public static String formatDouble(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return formatShortest(Double.toString(d), 15);
  }

  /** Formats a float4 like PostgreSQL 12+ (exponent form outside 1e-4 .. 1e6). */
  public static String formatFloat(float f) {
    if (Float.isNaN(f)) {
      return "NaN";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? "Infinity" : "-Infinity";
    }
    return formatShortest(Float.toString(f), 6);
  }

  private static String formatShortest(String javaDigits, int maxExponent) {
    if (javaDigits.equals("0.0") || javaDigits.equals("-0.0")) {
      return javaDigits.startsWith("-") ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(javaDigits).stripTrailingZeros();
    int exponent = bd.precision() - bd.scale() - 1;
    if (exponent >= -4 && exponent < maxExponent) {
      return bd.toPlainString();
    }
    String digits = bd.unscaledValue().abs().toString();
    StringBuilder sb = new StringBuilder();
    if (bd.signum() < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exponent < 0 ? '-' : '+');
    sb.append(String.format(Locale.ROOT, "%02d", Math.abs(exponent)));
    return sb.toString();
  }

  static String formatTime(LocalTime t) {
    StringBuilder sb = new StringBuilder(15);
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    two(sb, t.getSecond());
    int micros = t.getNano() / 1000;
    if (micros != 0) {
      String frac = String.format(Locale.ROOT, "%06d", micros);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    return sb.toString();
  }

  static String formatTimestamp(LocalDateTime ts) {
    return ts.toLocalDate() + " " + formatTime(ts.toLocalTime().truncatedTo(ChronoUnit.MICROS));
  }

  String formatTimestamptz(Instant instant) {
    ZonedDateTime z = instant.atZone(zone);
    int offset = z.getOffset().getTotalSeconds();
    StringBuilder sb = new StringBuilder(formatTimestamp(z.toLocalDateTime()));
    sb.append(offset < 0 ? '-' : '+');
    int abs = Math.abs(offset);
    two(sb, abs / 3600);
    if (abs % 3600 != 0) {
      sb.append(':');
      two(sb, abs % 3600 / 60);
    }
    return sb.toString();
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    if (v < 10) {
      sb.append('0');
    }
    return sb.append(v);
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(2 + bytes.length * 2).append("\\x");
    for (byte b : bytes) {
      sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
    return sb.toString();
  }

  static LocalDate toLocalDate(Object v) {
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof LocalDateTime ldt) {
      return ldt.toLocalDate();
    }
    if (v instanceof java.util.Date d) {
      return new java.sql.Date(d.getTime()).toLocalDate();
    }
    return v instanceof LocalDate ld ? ld : LocalDate.parse(v.toString());
  }

  static LocalTime toLocalTime(Object v) {
    if (v instanceof java.sql.Time t) {
      return t.toLocalTime();
    }
    return v instanceof LocalTime lt ? lt : LocalTime.parse(v.toString());
  }

  static LocalDateTime toLocalDateTime(Object v) {
    if (v instanceof java.sql.Timestamp ts) {
      return ts.toLocalDateTime();
    }
    if (v instanceof OffsetDateTime odt) {
      return odt.toLocalDateTime();
    }
    if (v instanceof LocalDate ld) {
      return ld.atStartOfDay();
    }
    return v instanceof LocalDateTime ldt ? ldt : LocalDateTime.parse(v.toString().replace(' ', 'T'));
  }

  static Instant toInstant(Object v) {
    if (v instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    if (v instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (v instanceof ZonedDateTime zdt) {
      return zdt.toInstant();
    }
    if (v instanceof LocalDateTime ldt) {
      return ldt.toInstant(ZoneOffset.UTC);
    }
    return v instanceof Instant i ? i : OffsetDateTime.parse(v.toString()).toInstant();
  }

  static UUID toUuid(Object v) {
    if (v instanceof UUID u) {
      return u;
    }
    if (v instanceof byte[] b && b.length == 16) {
      ByteBuffer buf = ByteBuffer.wrap(b);
      return new UUID(buf.getLong(), buf.getLong());
    }
    return UUID.fromString(v.toString());
  }

  private static byte[] uuidBytes(UUID u) {
    return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
  }
}
