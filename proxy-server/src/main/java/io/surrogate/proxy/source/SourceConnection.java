package io.surrogate.proxy.source;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.surrogate.proxy.auth.ScramClient;
import io.surrogate.proxy.auth.ScramExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One protocol connection to the PostgreSQL source: logs in, then runs one {@link SourceCall} at a time as
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
  private static final int PROTOCOL_3 = 196608;
  private static final int TEXT = 25;
  private static final int VARCHAR = 1043;

  private final PassThrough owner;
  private final SourcePool pool;
  private final SourceEndpoint endpoint;
  private final SecureRandom random;
  private final Map<SourceStatement, String> prepared = new LinkedHashMap<>(16, 0.75f, true);
  private final List<String> toClose = new ArrayList<>();
  private Channel channel;
  private boolean ready;
  private boolean lost;
  private ScramClient scram;
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
    this.endpoint = endpoint;
    this.random = random;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    ByteBuf out = ctx.alloc().buffer(128);
    out.writeInt(0).writeInt(PROTOCOL_3);
    for (String[] p : new String[][] {{"user", endpoint.user()}, {"database", endpoint.database()},
        {"client_encoding", "UTF8"}, {"DateStyle", "ISO"}, {"extra_float_digits", "3"},
        {"application_name", "surrogate-proxy"}}) {
      cstring(out, p[0]);
      cstring(out, p[1]);
    }
    out.writeByte(0);
    out.setInt(0, out.readableBytes());
    ctx.writeAndFlush(out);
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
    } catch (StartupFailure e) {
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
      c.complete(c.forwarded ? new SourceOutcome.Failed("08006", reason)
          : new SourceOutcome.Fallback(false, reason));
    }
  }

  // ---- startup ----

  private void onStartupMessage(byte type, ByteBuf f) throws StartupFailure {
    int body = f.readerIndex() + 5;
    switch (type) {
      case 'R' -> authenticate(f.getInt(body), f, body + 4);
      case 'K' -> {
        backendPid = f.getInt(body);
        backendKey = f.getInt(body + 4);
      }
      case 'E' -> throw new StartupFailure("the source refused the login: " + errorField(f, 'M'));
      case 'Z' -> {
        ready = true;
        pool.ready(this);
      }
      default -> {
        // ParameterStatus and notices carry nothing this path needs.
      }
    }
  }

  private void authenticate(int code, ByteBuf f, int at) throws StartupFailure {
    switch (code) {
      case 0 -> {
        // AuthenticationOk
      }
      case 3 -> password(endpointPassword().getBytes(StandardCharsets.UTF_8));
      case 5 -> {
        byte[] salt = new byte[4];
        f.getBytes(at, salt);
        password(("md5" + md5Hex(concat(md5Hex(concat(bytes(endpointPassword()), bytes(endpoint.user())))
            .getBytes(StandardCharsets.US_ASCII), salt))).getBytes(StandardCharsets.US_ASCII));
      }
      case 10 -> {
        List<String> mechanisms = new ArrayList<>();
        int i = at;
        while (f.getByte(i) != 0) {
          int end = f.indexOf(i, f.writerIndex(), (byte) 0);
          mechanisms.add(f.toString(i, end - i, StandardCharsets.UTF_8));
          i = end + 1;
        }
        if (!mechanisms.contains(ScramExchange.MECHANISM)) {
          throw new StartupFailure("the source offers SASL mechanisms " + mechanisms + " (expected: "
              + ScramExchange.MECHANISM + ")");
        }
        scram = new ScramClient(endpointPassword().toCharArray(), random);
        byte[] first = bytes(scram.clientFirst());
        ByteBuf out = channel.alloc().buffer(64 + first.length);
        out.writeByte('p').writeInt(0);
        cstring(out, ScramExchange.MECHANISM);
        out.writeInt(first.length).writeBytes(first);
        finish(out, 1);
      }
      case 11 -> {
        String serverFirst = f.toString(at, f.writerIndex() - at, StandardCharsets.UTF_8);
        try {
          byte[] fin = bytes(scram.clientFinal(serverFirst));
          ByteBuf out = channel.alloc().buffer(8 + fin.length);
          out.writeByte('p').writeInt(0).writeBytes(fin);
          finish(out, 1);
        } catch (ScramExchange.ScramException e) {
          throw new StartupFailure(e.getMessage());
        }
      }
      case 12 -> {
        try {
          scram.verifyServerFinal(f.toString(at, f.writerIndex() - at, StandardCharsets.UTF_8));
        } catch (ScramExchange.ScramException e) {
          throw new StartupFailure(e.getMessage());
        }
      }
      default -> throw new StartupFailure("the source asks for authentication method " + code
          + ", which this path does not speak (it speaks trust, password, md5 and SCRAM-SHA-256)");
    }
  }

  private String endpointPassword() throws StartupFailure {
    if (endpoint.password() == null) {
      throw new StartupFailure("the source asks for a password and none is configured");
    }
    return endpoint.password();
  }

  private void password(byte[] secret) {
    ByteBuf out = channel.alloc().buffer(8 + secret.length);
    out.writeByte('p').writeInt(0).writeBytes(secret).writeByte(0);
    finish(out, 1);
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
        c.errorCode = code == null ? "XX000" : code;
        c.errorMessage = String.valueOf(errorField(f, 'M'));
        // A statement the source dropped or whose result type changed (DDL) is prepared afresh next time, and
        // this execution runs on the engine's path, which plans against the source as it is now.
        boolean stale = "26000".equals(code) || "0A000".equals(code);
        if ((c.parsing || stale) && c.statementName.equals(prepared.get(c.statement))) {
          prepared.remove(c.statement);
          if (!c.parsing) {
            toClose.add(c.statementName);
          }
        }
        // A statement the source cannot prepare (class 42) gets the engine's own error, as without this path;
        // a cancel this call did not ask for was meant for the call before it, so the call runs again.
        c.retry = stale || c.parsing && code != null && code.startsWith("42")
            || "57014".equals(code) && !c.cancelRequested && c.errorMessage.contains("user request");
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
        // ParseComplete, BindComplete, CloseComplete, ParameterDescription, notices: nothing to do.
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
    owner.sendCancel(channel.eventLoop(), backendPid, backendKey, this::cancelDelivered);
  }

  private void cancelDelivered() {
    cancelsInFlight--;
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

  private void finish(ByteBuf out, int lengthAt) {
    out.setInt(lengthAt, out.writerIndex() - lengthAt);
    channel.writeAndFlush(out, channel.voidPromise());
  }

  private static void cstring(ByteBuf out, String s) {
    out.writeCharSequence(s, StandardCharsets.UTF_8);
    out.writeByte(0);
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

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static String md5Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }

  /** A login the source refused or that this path cannot complete. */
  private static final class StartupFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StartupFailure(String message) {
      super(message);
    }
  }
}
