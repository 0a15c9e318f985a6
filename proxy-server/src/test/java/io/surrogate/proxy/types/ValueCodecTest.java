package io.surrogate.proxy.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text and binary encodings against PostgreSQL's formats, and parameter decoding round trips. */
class ValueCodecTest {
  private final ValueEncoder utc = new ValueEncoder(ZoneId.of("UTC"));

  private String text(PgType t, Object v) {
    return new String(utc.encodeText(t, v), StandardCharsets.UTF_8);
  }

  @Test
  void textLikePostgres() {
    assertEquals("t", text(PgType.BOOL, true));
    assertEquals("0.1", text(PgType.FLOAT8, 0.1));
    assertEquals("1e+20", text(PgType.FLOAT8, 1e20));
    assertEquals("123456789012345", text(PgType.FLOAT8, 123456789012345.0));
    assertEquals("1.5e-05", text(PgType.FLOAT8, 1.5e-5));
    assertEquals("-0", text(PgType.FLOAT8, -0.0));
    assertEquals("NaN", text(PgType.FLOAT8, Double.NaN));
    assertEquals("2", text(PgType.FLOAT4, 2.0f));
    assertEquals("-0.01", text(PgType.NUMERIC, new BigDecimal("-0.01")));
    assertEquals("2024-01-31", text(PgType.DATE, LocalDate.of(2024, 1, 31)));
    assertEquals("2024-01-31 10:11:12.3456", text(PgType.TIMESTAMP,
        LocalDateTime.of(2024, 1, 31, 10, 11, 12, 345_600_000)));
    assertEquals("2024-01-31 10:11:12+00", text(PgType.TIMESTAMPTZ, Instant.parse("2024-01-31T10:11:12Z")));
    assertEquals("2024-01-31 15:41:12+05:30", new String(new ValueEncoder(ZoneId.of("Asia/Kolkata"))
        .encodeText(PgType.TIMESTAMPTZ, Instant.parse("2024-01-31T10:11:12Z")), StandardCharsets.UTF_8));
    assertEquals("\\xdead", text(PgType.BYTEA, new byte[] {(byte) 0xDE, (byte) 0xAD}));
  }

  @Test
  void binaryDateAndTimestampUsePostgresEpoch() {
    assertArrayEquals(new byte[] {0, 0, 0, 0}, utc.encodeBinary(PgType.DATE, LocalDate.of(2000, 1, 1)));
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 1},
        utc.encodeBinary(PgType.TIMESTAMP, LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1000)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "-1", "12.50", "0.0001", "10000", "123456789.987654321", "-0.01",
      "99999999999999999999.5", "1E+3"})
  void numericBinaryRoundTrip(String value) throws SQLException {
    BigDecimal v = new BigDecimal(value);
    Object back = ParameterDecoder.decode(PgType.NUMERIC, true, utc.encodeBinary(PgType.NUMERIC, v));
    assertEquals(0, v.compareTo((BigDecimal) back), value + " -> " + back);
    assertEquals(Math.max(0, v.scale()), ((BigDecimal) back).scale());
  }

  @Test
  void numericBinaryMatchesPostgresLayout() {
    // 12.50 → ndigits 2, weight 0, sign +, dscale 2, digits [12, 5000]
    assertArrayEquals(new byte[] {0, 2, 0, 0, 0, 0, 0, 2, 0, 12, 0x13, (byte) 0x88},
        utc.encodeBinary(PgType.NUMERIC, new BigDecimal("12.50")));
  }

  @Test
  void decodesTextParameters() throws SQLException {
    assertEquals(42, dec(PgType.INT4, "42"));
    assertEquals(true, dec(PgType.BOOL, "on"));
    assertEquals(java.sql.Date.valueOf("2024-01-31"), dec(PgType.DATE, "2024-01-31 +02"));
    assertEquals(Timestamp.valueOf("2024-01-31 10:11:12.5"), dec(PgType.TIMESTAMP, "2024-01-31 10:11:12.5+01"));
    assertEquals(Timestamp.from(Instant.parse("2024-01-31T09:11:12Z")),
        dec(PgType.TIMESTAMPTZ, "2024-01-31 10:11:12+01"));
    assertEquals(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        dec(PgType.UUID, "123e4567-e89b-12d3-a456-426614174000"));
    assertArrayEquals(new byte[] {1, (byte) 0xFF}, (byte[]) dec(PgType.BYTEA, "\\x01ff"));
  }

  @Test
  void badParametersNameTheValueAndType() {
    SQLException e = assertThrows(SQLException.class, () -> dec(PgType.INT4, "abc"));
    assertEquals("22P02", e.getSQLState());
    assertEquals("invalid input syntax for type integer: \"abc\"", e.getMessage());
    SQLException b = assertThrows(SQLException.class,
        () -> ParameterDecoder.decode(PgType.INT8, true, new byte[3]));
    assertEquals("22P03", b.getSQLState());
  }

  @Test
  void binaryTimestampRoundTrip() throws SQLException {
    LocalDateTime t = LocalDateTime.of(1969, 7, 20, 20, 17, 40, 123_456_000);
    Object back = ParameterDecoder.decode(PgType.TIMESTAMP, true, utc.encodeBinary(PgType.TIMESTAMP, t));
    assertEquals(Timestamp.valueOf(t), back);
  }

  private static Object dec(PgType t, String s) throws SQLException {
    return ParameterDecoder.decode(t, false, s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void arraysGoOutAsPostgresArrays() {
    ValueEncoder enc = new ValueEncoder(java.time.ZoneOffset.UTC);
    assertEquals(PgType.INT2_ARRAY, PgType.ofJdbc(java.sql.Types.ARRAY, "SMALLINT ARRAY"));
    assertEquals(PgType.INT2, PgType.INT2_ARRAY.element());
    assertEquals(PgType.INT2_ARRAY, PgType.INT2.array());
    assertEquals("{1,2}", new String(enc.encodeText(PgType.INT2_ARRAY, java.util.List.of((short) 1, (short) 2)),
        StandardCharsets.UTF_8));
    assertEquals("{}", new String(enc.encodeText(PgType.INT4_ARRAY, java.util.List.of()), StandardCharsets.UTF_8));
    assertEquals("{a,\"b c\",\"\",NULL,\"NULL\",\"x\\\"y\"}", new String(enc.encodeText(PgType.TEXT_ARRAY,
        java.util.Arrays.asList("a", "b c", "", null, "NULL", "x\"y")), StandardCharsets.UTF_8));
    // ndim 1, no nulls, element OID 21, length 2, lower bound 1, then (length 2, value) per element.
    assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 21, 0, 0, 0, 2, 0, 0, 0, 1,
        0, 0, 0, 2, 0, 7, 0, 0, 0, 2, -1, -3},
        enc.encodeBinary(PgType.INT2_ARRAY, java.util.List.of((short) 7, (short) -3)));
    assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 23, 0, 0, 0, 1, 0, 0, 0, 1, -1, -1, -1, -1},
        enc.encodeBinary(PgType.INT4_ARRAY, java.util.Arrays.asList((Object) null)));
  }
}
