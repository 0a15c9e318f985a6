package io.surrogate.proxy.source;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.surrogate.catalog.SqlState;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One protocol connection to the PostgreSQL source: logs in, then runs {@link SourceCall}s in order, each as
 * Bind/Execute/Sync on a statement it prepared once, passing DataRow and CommandComplete frames to the client
 * unchanged. A statement's rows pass only on a connection that checked, when it prepared the statement, that the
 * source's column types are the ones the client was told.
 */
final class SourceConnection extends ChannelInboundHandlerAdapter {
  /** Prepared statements kept per connection; the least recently used beyond this is closed on the source. */
  static final int MAX_PREPARED = 256;
  /** Calls that may wait on one connection behind the running one. */
  static final int MAX_QUEUED = 8;
  /** How long the running call may have run for another to queue behind it. */
  static final long HEAD_LIMIT_NANOS = 50_000_000;
  /** How often a cancel request is repeated while its call still runs, and how long apart. */
  private static final int CANCEL_RETRIES = 5;
  private static final long CANCEL_RETRY_MILLIS = 250;
  private static final int TEXT = 25;
  private static final int VARCHAR = 1043;

  private final PassThrough owner;
  private final SourcePool pool;
  private final SourceLogin login;
  private final Map<SourceStatement, String> prepared = new LinkedHashMap<>(16, 0.75f, true);
  private final List<String> toClose = new ArrayList<>();
  private Channel channel;
  private boolean ready;
  private boolean lost;
  private int backendPid;
  private int backendKey;
  private int nextName;
  /** Calls written to the source and not yet ended by their ReadyForQuery, oldest (the one running) first. */
  private final ArrayDeque<SourceCall> calls = new ArrayDeque<>();
  /** Cancel requests sent for this connection whose delivery the source has not yet confirmed. */
  private int cancelsInFlight;
  /** When the call running now started running. */
  private long headSince;

  SourceConnection(PassThrough owner, SourcePool pool, SourceEndpoint endpoint, SecureRandom random) {
    this.owner = owner;
    this.pool = pool;
    this.login = new SourceLogin(endpoint, random);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    ctx.writeAndFlush(login.startup(ctx.alloc()));
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    boolean kept = false;
    try {
      byte type = frame.getByte(frame.readerIndex());
      if (ready) {
        kept = onCallMessage(type, frame);
      } else {
        onStartupMessage(type, frame);
      }
    } catch (SourceLogin.Failure e) {
      fail(e.getMessage());
    } finally {
      if (!kept) {
        frame.release();
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    SourceCall c = calls.peekFirst();
    if (c != null && c.unflushed) {
      // A long result: what this read brought goes to the client now rather than after the last row.
      c.unflushed = false;
      c.client.flush();
    }
    super.channelReadComplete(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    fail("the source closed the connection");
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail("source connection failure: " + cause.getMessage());
    ctx.close();
  }

  private void fail(String reason) {
    if (lost) {
      return;
    }
    lost = true;
    boolean wasReady = ready;
    ready = false;
    if (channel != null) {
      channel.close();
    }
    pool.lost(this, wasReady, reason);
    SourceCall c;
    while ((c = calls.pollFirst()) != null) {
      c.connection = null;
      c.complete(c.forwarded ? new SourceOutcome.Failed(SqlState.CONNECTION_FAILURE.code(), reason)
          : new SourceOutcome.Fallback(false, reason));
    }
  }

  // ---- startup ----

  private void onStartupMessage(byte type, ByteBuf f) throws SourceLogin.Failure {
    int body = f.readerIndex() + 5;
    switch (type) {
      case 'R' -> {
        ByteBuf answer = login.answer(f, channel.alloc());
        if (answer != null) {
          channel.writeAndFlush(answer, channel.voidPromise());
        }
      }
      case 'K' -> {
        backendPid = f.getInt(body);
        backendKey = f.getInt(body + 4);
      }
      case 'E' -> throw new SourceLogin.Failure("the source refused the login: " + errorField(f, 'M'));
      case 'Z' -> {
        ready = true;
        pool.ready(this);
      }
      default -> {
        // ParameterStatus and notices carry nothing this path needs.
      }
    }
  }

  // ---- calls ----

  /** Calls written and not yet ended. */
  int load() {
    return calls.size();
  }

  /** Whether new calls may go to this connection: logged in, not lost, and no cancel request on its way. */
  boolean accepting() {
    return ready && !lost && cancelsInFlight == 0;
  }

  /**
   * Writes {@code c} behind the calls already on this connection (the source runs them in order, each ended by its
   * own Sync, so an error in one does not touch the next); on the event loop.
   */
  void start(SourceCall c) {
    calls.addLast(c);
    c.connection = this;
    c.queuedIn = null;
    SourceStatement st = c.statement;
    ByteBuf out = channel.alloc().ioBuffer(256);
    for (String name : toClose) {
      writeClose(out, name);
    }
    toClose.clear();
    String name = prepared.get(st);
    if (name == null) {
      if (prepared.size() >= MAX_PREPARED) {
        Iterator<String> eldest = prepared.values().iterator();
        writeClose(out, eldest.next());
        eldest.remove();
      }
      name = "surrogate_" + (++nextName);
      writeParse(out, name, st);
      out.writeByte('D').writeInt(0);
      int at = out.writerIndex() - 4;
      out.writeByte('S');
      cstring(out, name);
      out.setInt(at, out.writerIndex() - at);
      prepared.put(st, name);
      c.parsing = true;
    }
    c.statementName = name;
    writeBind(out, name, c);
    out.writeByte('E').writeInt(9).writeByte(0).writeInt(0);
    out.writeByte('S').writeInt(4);
    channel.writeAndFlush(out, channel.voidPromise());
    if (calls.size() == 1) {
      headSince = System.nanoTime();
      if (c.cancelRequested) {
        cancelRunning();
      }
    }
  }

  /**
   * Whether a new call may queue behind the running ones: few are queued, and the one running started lately (a
   * long statement ahead would hold a short one back).
   */
  boolean takesMore(long now) {
    return accepting() && calls.size() < MAX_QUEUED && now - headSince < HEAD_LIMIT_NANOS;
  }

  private static void writeParse(ByteBuf out, String name, SourceStatement st) {
    int at = out.writerIndex() + 1;
    out.writeByte('P').writeInt(0);
    cstring(out, name);
    cstring(out, st.sql());
    out.writeShort(st.parameterCount());
    for (int i = 0; i < st.parameterCount(); i++) {
      out.writeInt(st.parameterOid(i));
    }
    out.setInt(at, out.writerIndex() - at);
  }

  private static void writeBind(ByteBuf out, String name, SourceCall c) {
    int at = out.writerIndex() + 1;
    out.writeByte('B').writeInt(0);
    out.writeByte(0);
    cstring(out, name);
    out.writeShort(c.formats.length);
    for (short f : c.formats) {
      out.writeShort(f);
    }
    out.writeShort(c.values.length);
    for (byte[] v : c.values) {
      if (v == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(v.length).writeBytes(v);
      }
    }
    out.writeShort(c.resultFormats.length);
    for (short f : c.resultFormats) {
      out.writeShort(f);
    }
    out.setInt(at, out.writerIndex() - at);
  }

  private static void writeClose(ByteBuf out, String name) {
    int at = out.writerIndex() + 1;
    out.writeByte('C').writeInt(0).writeByte('S');
    cstring(out, name);
    out.setInt(at, out.writerIndex() - at);
  }

  /** Handles one message of a running call; returns whether the frame was handed on (and must not be freed). */
  private boolean onCallMessage(byte type, ByteBuf f) {
    SourceCall c = calls.peekFirst();
    if (c == null) {
      // Only notices and parameter changes arrive between calls.
      return false;
    }
    switch (type) {
      case 'T' -> {
        if (c.parsing) {
          checkColumns(c, f);
        }
        return false;
      }
      case 'n' -> {
        if (c.parsing) {
          reject(c, "the source statement returns no rows");
        }
        return false;
      }
      case 'D', 'C' -> {
        return forward(c, f);
      }
      case 'E' -> {
        String code = errorField(f, 'C');
        c.errorCode = code == null ? SqlState.INTERNAL_ERROR.code() : code;
        c.errorMessage = String.valueOf(errorField(f, 'M'));
        // A statement the source dropped or whose result type changed (DDL) is prepared afresh next time, and
        // this execution runs on the engine's path, which plans against the source as it is now.
        boolean stale = SqlState.INVALID_SQL_STATEMENT_NAME.code().equals(code)
            || SqlState.FEATURE_NOT_SUPPORTED.code().equals(code);
        boolean unparsed = c.parsing && !c.parseCompleted;
        if ((unparsed || stale) && c.statementName.equals(prepared.get(c.statement))) {
          prepared.remove(c.statement);
          if (!unparsed) {
            toClose.add(c.statementName);
          }
        }
        // A statement the source cannot prepare (class 42) gets the engine's own error, as without this path;
        // a cancel this call did not ask for was meant for the call before it, so the call runs again.
        c.retry = stale || unparsed && code != null && code.startsWith("42")
            || SqlState.QUERY_CANCELED.code().equals(code) && !c.cancelRequested
                && c.errorMessage.contains("user request");
        return false;
      }
      case '1' -> {
        c.parseCompleted = true;
        return false;
      }
      case 'Z' -> {
        calls.pollFirst();
        c.connection = null;
        c.unflushed = false;
        channel.config().setAutoRead(true);
        SourceCall next = calls.peekFirst();
        headSince = System.nanoTime();
        if (next != null && next.cancelRequested) {
          cancelRunning();
        }
        pool.ended(this);
        c.complete(c.outcome());
        return false;
      }
      default -> {
        // BindComplete, CloseComplete, ParameterDescription, notices: nothing to do.
        return false;
      }
    }
  }

  private void checkColumns(SourceCall c, ByteBuf f) {
    int i = f.readerIndex() + 5;
    int n = f.getUnsignedShort(i);
    i += 2;
    SourceStatement st = c.statement;
    if (n != st.columnCount()) {
      reject(c, "the source returns " + n + " columns, the client was told " + st.columnCount());
      return;
    }
    for (int k = 0; k < n; k++) {
      i = f.indexOf(i, f.writerIndex(), (byte) 0) + 1;
      int oid = f.getInt(i + 6);
      if (!sameWireFormat(oid, st.columnOid(k))) {
        reject(c, "column " + (k + 1) + " has type " + oid + " on the source, the client was told "
            + st.columnOid(k));
        return;
      }
      i += 18;
    }
  }

  /** Whether values of source type {@code source} read as type {@code told}: equal, or text and varchar. */
  static boolean sameWireFormat(int source, int told) {
    return source == told || (source == TEXT || source == VARCHAR) && (told == TEXT || told == VARCHAR);
  }

  private void reject(SourceCall c, String reason) {
    // Calls written behind this one bind the same statement; none of their rows may pass either.
    for (SourceCall other : calls) {
      if (other.statementName.equals(c.statementName)) {
        other.rejected = true;
        other.rejectReason = reason;
      }
    }
    if (c.statementName.equals(prepared.get(c.statement))) {
      prepared.remove(c.statement);
      toClose.add(c.statementName);
    }
    owner.reject(c.statement);
  }

  private boolean forward(SourceCall c, ByteBuf f) {
    if (c.rejected || c.errorCode != null || !c.client.isActive()) {
      return false;
    }
    c.forwarded = true;
    c.unflushed = true;
    c.client.write(f, c.client.voidPromise());
    if (!c.client.isWritable()) {
      c.unflushed = false;
      c.client.flush();
      if (!c.client.isWritable()) {
        channel.config().setAutoRead(false);
      }
    }
    return true;
  }

  /** Reads from the source again after the client drained; on the event loop. */
  void resumeReading() {
    if (!lost && channel != null && !channel.config().isAutoRead()) {
      channel.config().setAutoRead(true);
    }
  }

  /**
   * Cancels {@code c}: at once when the source runs it now, else once the calls ahead of it have ended (the
   * source can only cancel what runs); on the event loop.
   */
  void cancel(SourceCall c) {
    c.cancelRequested = true;
    if (calls.peekFirst() == c) {
      cancelRunning();
    }
  }

  private void cancelRunning() {
    // A client gone away will not drain the rows, so reading resumes and the rows are dropped.
    resumeReading();
    cancelsInFlight++;
    SourceCall target = calls.peekFirst();
    owner.sendCancel(channel.eventLoop(), backendPid, backendKey, () -> cancelDelivered(target));
  }

  private void cancelDelivered(SourceCall target) {
    cancelsInFlight--;
    if (!lost && target != null && target.cancelsSent++ < CANCEL_RETRIES) {
      // PostgreSQL only signals the backend, which drops the request if it is between messages just then; while
      // the call still runs a while later, it is asked again.
      channel.eventLoop().schedule(() -> {
        if (!lost && calls.peekFirst() == target) {
          cancelRunning();
        }
      }, CANCEL_RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }
    if (cancelsInFlight == 0 && !lost) {
      pool.ended(this);
    }
  }

  /** Ends the session on the source politely; on the event loop. */
  void terminate() {
    lost = true;
    if (channel != null && channel.isActive()) {
      ByteBuf out = channel.alloc().buffer(5);
      out.writeByte('X').writeInt(4);
      channel.writeAndFlush(out).addListener(f -> channel.close());
    }
  }

  // ---- helpers ----

  private static void cstring(ByteBuf out, String s) {
    SourceLogin.cstring(out, s);
  }

  /** A field of an ErrorResponse, or null. */
  static String errorField(ByteBuf f, char field) {
    int i = f.readerIndex() + 5;
    int end = f.writerIndex();
    while (i < end && f.getByte(i) != 0) {
      byte code = f.getByte(i);
      int stop = f.indexOf(i + 1, end, (byte) 0);
      if (stop < 0) {
        return null;
      }
      if (code == field) {
        return f.toString(i + 1, stop - i - 1, StandardCharsets.UTF_8);
      }
      i = stop + 1;
    }
    return null;
  }
}
