package io.surrogate.proxy.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** PostgreSQL's binary {@code numeric}: int16 ndigits, weight, sign, dscale, then base-10000 digits. */
final class PgNumeric {
  private static final int POSITIVE = 0x0000;
  private static final int NEGATIVE = 0x4000;
  private static final int NAN = 0xC000;

  private PgNumeric() { }

  static byte[] encode(BigDecimal value) {
    int dscale = Math.max(0, value.scale());
    String plain = value.abs().setScale(dscale).toPlainString();
    int dot = plain.indexOf('.');
    String intPart = dot < 0 ? plain : plain.substring(0, dot);
    String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
    if (intPart.equals("0")) {
      intPart = "";
    }
    intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
    fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
    List<Short> digits = new ArrayList<>();
    for (int i = 0; i < intPart.length(); i += 4) {
      digits.add(Short.parseShort(intPart.substring(i, i + 4)));
    }
    for (int i = 0; i < fracPart.length(); i += 4) {
      digits.add(Short.parseShort(fracPart.substring(i, i + 4)));
    }
    int weight = intPart.length() / 4 - 1;
    int first = 0;
    while (first < digits.size() && digits.get(first) == 0) {
      first++;
      weight--;
    }
    int last = digits.size();
    while (last > first && digits.get(last - 1) == 0) {
      last--;
    }
    int n = last - first;
    ByteBuffer out = ByteBuffer.allocate(8 + 2 * n);
    out.putShort((short) n);
    out.putShort((short) (n == 0 ? 0 : weight));
    out.putShort((short) (value.signum() < 0 ? NEGATIVE : POSITIVE));
    out.putShort((short) dscale);
    for (int i = first; i < last; i++) {
      out.putShort(digits.get(i));
    }
    return out.array();
  }

  /** Decodes a binary numeric; returns {@code null} for NaN, which JDBC cannot carry as a BigDecimal. */
  static BigDecimal decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int n = in.getShort();
    int weight = in.getShort();
    int sign = in.getShort() & 0xFFFF;
    int dscale = in.getShort();
    if (sign == NAN) {
      throw new IllegalArgumentException("NaN");
    }
    if (n < 0 || bytes.length != 8 + 2 * n || dscale < 0) {
      throw new IllegalArgumentException("inconsistent numeric header");
    }
    StringBuilder unscaled = new StringBuilder("0");
    for (int i = 0; i < n; i++) {
      short d = in.getShort();
      if (d < 0 || d > 9999) {
        throw new IllegalArgumentException("numeric digit " + d + " out of range");
      }
      unscaled.append(String.format(java.util.Locale.ROOT, "%04d", d));
    }
    BigDecimal v = new BigDecimal(new BigInteger(unscaled.toString()), (n - 1 - weight) * 4);
    v = v.setScale(dscale, java.math.RoundingMode.HALF_UP);
    return sign == NEGATIVE ? v.negate() : v;
  }
}
