package io.surrogate.driver.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.Map;

/**
 * A Calcite result set seen through Surrogate: every failure is mapped to a SQLSTATE by
 * {@link ErrorMapper}, {@code getStatement()} returns the client's statement wrapper, and JDBC 4.2
 * {@code getObject(i, LocalDate.class)} works.
 *
 * <p>Design note. This is a plain delegating class rather than a dynamic proxy because it sits on the
 * per-row, per-column path of full scans, where reflective dispatch cost a third of the scan time. The
 * write half lives in {@link ResultSetUpdates}, the by-label getters in {@link ResultSetLabels}; this
 * class holds navigation and the by-index getters. For a query's result set a {@link RowTap} exposes
 * the row Avatica's cursor is on, and {@code getObject}/{@code getLong}/{@code getInt}/{@code getDouble}/
 * {@code getString}/{@code getDate} of the common column types read it directly (Avatica's accessor
 * chain cost about 30 ns a value, twice a whole H2 {@code getObject}); every other call, and every value
 * of another type, goes through Avatica. DATE values are built from the day number as Avatica does
 * ({@code java.sql.Date.valueOf(LocalDate)}) without its legacy-calendar normalisation.
 */
final class SurrogateResultSet extends ResultSetLabels {
  /** 1582-10-15: before it {@code java.sql.Date} counts in the Julian calendar, so the slow path is exact. */
  private static final int GREGORIAN_START = -141_427;

  /** Marker of "read it through Avatica". */
  private static final Object NOT_TAPPED = new Object();

  private final Statement owner;
  private final ResultSet target;
  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final long NO_FIXED_OFFSET = Long.MIN_VALUE;

  private final ZoneId zone = ZoneId.systemDefault();
  /** The zone's offset when it never changes (UTC on servers), which turns a day into millis by arithmetic. */
  private final long fixedOffsetMillis = zone.getRules().isFixedOffset()
      ? zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() * 1000L : NO_FIXED_OFFSET;
  private int[] columnTypes;
  /** The row Avatica is on, for reading common types directly; null for result sets not from a query. */
  private final RowTap tap;
  /** Whether the last getter read the tapped row (then {@link #lastNull} answers {@code wasNull}). */
  private boolean fast;
  private boolean lastNull;

  /** Calcite's description of the columns when {@link #target} is a source result set, else null. */
  private final ResultSetMetaData metaData;
  /** What closing this result set also releases (a direct execution's statement and connection), or null. */
  private final AutoCloseable resources;
  /** The cancel state of the execution this result set reads, or null. */
  private final StatementCancel cancel;
  /** The execution of {@link #cancel} whose rows these are. */
  private final long execution;

  SurrogateResultSet(Statement owner, ResultSet target, RowTap tap) {
    this(owner, target, tap, null);
  }

  /** A query's rows; the execution {@code cancel} watches (may be null) ends when they are exhausted or closed. */
  SurrogateResultSet(Statement owner, ResultSet target, RowTap tap, StatementCancel cancel) {
    this.owner = owner;
    this.target = target;
    this.tap = tap;
    this.metaData = null;
    this.resources = null;
    this.cancel = cancel;
    this.execution = cancel == null ? 0 : cancel.execution();
  }

  /**
   * The rows of a {@link DirectExecution}: the source's result set, described as Calcite describes the
   * statement's columns, whose statement and connection are released on close.
   */
  SurrogateResultSet(Statement owner, ResultSet source, ResultSetMetaData metaData, AutoCloseable resources) {
    this.owner = owner;
    this.target = source;
    this.tap = null;
    this.metaData = metaData;
    this.resources = resources;
    this.cancel = null;
    this.execution = 0;
  }

  @Override
  public Statement getStatement() throws SQLException {
    return owner != null ? owner : target.getStatement();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw JdbcProxies.notAWrapper(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  @Override
  public void close() throws SQLException {
    if (cancel != null) {
      cancel.end(execution);
    }
    try {
      if (resources != null) {
        resources.close();
      } else {
        target.close();
      }
    } catch (Exception e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    return target.isClosed();
  }

  /**
   * Reads through the typed getter of the column's SQL type: Avatica's generic {@code getObject} goes
   * through a per-call type switch that cost more than the rest of the row's path.
   */
  @Override
  public boolean wasNull() throws SQLException {
    try {
      return fast ? lastNull : target.wasNull();
    } catch (RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  /**
   * The value of a common type straight from the tapped row, or {@link #NOT_TAPPED}: Calcite's internal
   * value of BIGINT, INTEGER, DOUBLE, VARCHAR, DECIMAL and BOOLEAN columns is already what Avatica's
   * {@code getObject} returns, and DATE's day number converts as {@link #getDate(int)} does.
   */
  private Object tapped(int columnIndex, int type) {
    Object[] row = tap == null ? null : tap.row;
    if (row == null || columnIndex < 1 || columnIndex > row.length) {
      return NOT_TAPPED;
    }
    Object v = row[columnIndex - 1];
    boolean expected = v == null || switch (type) {
      case Types.BIGINT -> v instanceof Long;
      case Types.INTEGER, Types.DATE -> v instanceof Integer;
      case Types.DOUBLE, Types.FLOAT -> v instanceof Double;
      case Types.VARCHAR, Types.CHAR -> v instanceof String;
      case Types.DECIMAL, Types.NUMERIC -> v instanceof BigDecimal;
      case Types.BOOLEAN -> v instanceof Boolean;
      default -> false;
    };
    if (!expected) {
      return NOT_TAPPED;
    }
    fast = true;
    lastNull = v == null;
    return v != null && type == Types.DATE ? sqlDate((Integer) v) : v;
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    Object t = tapped(columnIndex, columnType(columnIndex));
    if (t != NOT_TAPPED) {
      return t;
    }
    fast = false;
    try {
      Object value;
      switch (columnType(columnIndex)) {
        case Types.BIGINT -> value = target.getLong(columnIndex);
        case Types.INTEGER -> value = target.getInt(columnIndex);
        case Types.DOUBLE, Types.FLOAT -> value = target.getDouble(columnIndex);
        case Types.VARCHAR, Types.CHAR -> {
          return target.getString(columnIndex);
        }
        case Types.DECIMAL, Types.NUMERIC -> {
          return target.getBigDecimal(columnIndex);
        }
        case Types.BOOLEAN -> value = target.getBoolean(columnIndex);
        case Types.DATE -> {
          return getDate(columnIndex);
        }
        default -> {
          return target.getObject(columnIndex);
        }
      }
      return target.wasNull() ? null : value;
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    fast = false;
    try {
      if (type == LocalDate.class && isDate(columnIndex)) {
        int days = target.getInt(columnIndex);
        return target.wasNull() ? null : type.cast(LocalDate.ofEpochDay(days));
      }
      if (TemporalValues.handles(type)) {
        return type.cast(TemporalValues.convert(target.getObject(columnIndex), type));
      }
      return target.getObject(columnIndex, type);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    fast = false;
    try {
      return target.getObject(columnIndex, map);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Date getDate(int columnIndex) throws SQLException {
    if (isDate(columnIndex)) {
      Object t = tapped(columnIndex, Types.DATE);
      if (t != NOT_TAPPED) {
        return (Date) t;
      }
    }
    fast = false;
    try {
      if (isDate(columnIndex)) {
        int days = target.getInt(columnIndex);
        return target.wasNull() ? null : sqlDate(days);
      }
      return target.getDate(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Date getDate(int columnIndex, Calendar cal) throws SQLException {
    fast = false;
    try {
      return target.getDate(columnIndex, cal);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  /** Avatica's DATE conversion ({@code java.sql.Date.valueOf(LocalDate)}) without the legacy calendar. */
  private Date sqlDate(int days) {
    if (days < GREGORIAN_START) {
      return Date.valueOf(LocalDate.ofEpochDay(days));
    }
    return new Date(fixedOffsetMillis != NO_FIXED_OFFSET ? days * MILLIS_PER_DAY - fixedOffsetMillis
        : LocalDate.ofEpochDay(days).atStartOfDay(zone).toInstant().toEpochMilli());
  }

  private boolean isDate(int columnIndex) throws SQLException {
    return columnType(columnIndex) == Types.DATE;
  }

  /** The column's {@link Types} code, or {@link Types#OTHER} for an index out of range. */
  private int columnType(int columnIndex) throws SQLException {
    int[] types = columnTypes;
    if (types == null) {
      ResultSetMetaData meta = metaData != null ? metaData : target.getMetaData();
      types = new int[meta.getColumnCount() + 1];
      for (int i = 1; i < types.length; i++) {
        types[i] = meta.getColumnType(i);
      }
      columnTypes = types;
    }
    return columnIndex > 0 && columnIndex < types.length ? types[columnIndex] : Types.OTHER;
  }

  @Override
  public boolean absolute(int value) throws SQLException {
    try {
      return target.absolute(value);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public void afterLast() throws SQLException {
    try {
      target.afterLast();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public void beforeFirst() throws SQLException {
    try {
      target.beforeFirst();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public void clearWarnings() throws SQLException {
    try {
      target.clearWarnings();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public int findColumn(String value) throws SQLException {
    try {
      return target.findColumn(value);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public boolean first() throws SQLException {
    try {
      return target.first();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Array getArray(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getArray(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public InputStream getAsciiStream(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getAsciiStream(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Deprecated
  @Override
  public BigDecimal getBigDecimal(int columnIndex, int x) throws SQLException {
    fast = false;
    try {
      return target.getBigDecimal(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getBigDecimal(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public InputStream getBinaryStream(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getBinaryStream(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Blob getBlob(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getBlob(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getBoolean(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getByte(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getBytes(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Reader getCharacterStream(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getCharacterStream(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Clob getClob(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getClob(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public int getConcurrency() throws SQLException {
    fast = false;
    try {
      return target.getConcurrency();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public String getCursorName() throws SQLException {
    fast = false;
    try {
      return target.getCursorName();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    int type = columnType(columnIndex);
    if (type == Types.DOUBLE || type == Types.FLOAT) {
      Object t = tapped(columnIndex, type);
      if (t != NOT_TAPPED) {
        return t == null ? 0d : (Double) t;
      }
    }
    fast = false;
    try {
      return target.getDouble(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    fast = false;
    try {
      return target.getFetchDirection();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public int getFetchSize() throws SQLException {
    fast = false;
    try {
      return target.getFetchSize();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getFloat(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public int getHoldability() throws SQLException {
    fast = false;
    try {
      return target.getHoldability();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    int type = columnType(columnIndex);
    if (type == Types.INTEGER) {
      Object t = tapped(columnIndex, type);
      if (t != NOT_TAPPED) {
        return t == null ? 0 : (Integer) t;
      }
    }
    fast = false;
    try {
      return target.getInt(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    int type = columnType(columnIndex);
    if (type == Types.BIGINT) {
      Object t = tapped(columnIndex, type);
      if (t != NOT_TAPPED) {
        return t == null ? 0L : (Long) t;
      }
    }
    fast = false;
    try {
      return target.getLong(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    fast = false;
    try {
      return metaData != null ? metaData : target.getMetaData();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Reader getNCharacterStream(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getNCharacterStream(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public NClob getNClob(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getNClob(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public String getNString(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getNString(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Ref getRef(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getRef(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public int getRow() throws SQLException {
    fast = false;
    try {
      return target.getRow();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public RowId getRowId(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getRowId(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public SQLXML getSQLXML(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getSQLXML(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getShort(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    int type = columnType(columnIndex);
    if (type == Types.VARCHAR || type == Types.CHAR) {
      Object t = tapped(columnIndex, type);
      if (t != NOT_TAPPED) {
        return t == null ? null : (String) t;
      }
    }
    fast = false;
    try {
      if (metaData != null && type != Types.VARCHAR && type != Types.CHAR) {
        // Avatica spells a non-character value as its Java value's toString(); a source spells it its own way.
        Object v = target.getObject(columnIndex);
        return v == null ? null : v.toString();
      }
      return target.getString(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Time getTime(int columnIndex, Calendar x) throws SQLException {
    fast = false;
    try {
      return target.getTime(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Time getTime(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getTime(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Timestamp getTimestamp(int columnIndex, Calendar x) throws SQLException {
    fast = false;
    try {
      return target.getTimestamp(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getTimestamp(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public int getType() throws SQLException {
    fast = false;
    try {
      return target.getType();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public URL getURL(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getURL(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Deprecated
  @Override
  public InputStream getUnicodeStream(int columnIndex) throws SQLException {
    fast = false;
    try {
      return target.getUnicodeStream(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    fast = false;
    try {
      return target.getWarnings();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    try {
      return target.isAfterLast();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    try {
      return target.isBeforeFirst();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public boolean isFirst() throws SQLException {
    try {
      return target.isFirst();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public boolean isLast() throws SQLException {
    try {
      return target.isLast();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public boolean last() throws SQLException {
    try {
      return target.last();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public boolean next() throws SQLException {
    try {
      boolean more = target.next();
      if (!more) {
        if (tap != null) {
          tap.row = null;
        }
        if (cancel != null) {
          cancel.end(execution);
        }
      }
      return more;
    } catch (SQLException | RuntimeException e) {
      SQLException canceled = cancel == null ? null : cancel.canceled(e);
      if (cancel != null) {
        cancel.end(execution);
      }
      throw canceled != null ? canceled : ErrorMapper.map(e);
    }
  }

  @Override
  public boolean previous() throws SQLException {
    try {
      return target.previous();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public boolean relative(int value) throws SQLException {
    try {
      return target.relative(value);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    try {
      return target.rowDeleted();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public boolean rowInserted() throws SQLException {
    try {
      return target.rowInserted();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    try {
      return target.rowUpdated();
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public void setFetchDirection(int value) throws SQLException {
    try {
      target.setFetchDirection(value);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  @Override
  public void setFetchSize(int value) throws SQLException {
    try {
      target.setFetchSize(value);
    } catch (SQLException | RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }
}
