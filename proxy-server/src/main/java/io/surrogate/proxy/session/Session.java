package io.surrogate.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.surrogate.catalog.SqlState;
import io.surrogate.driver.internal.ClientMessages;
import io.surrogate.proxy.codec.BackendMessage;
import io.surrogate.proxy.codec.BackendMessage.EncryptionResponse;
import io.surrogate.proxy.codec.BackendMessage.ErrorResponse;
import io.surrogate.proxy.codec.FrontendMessage;
import io.surrogate.proxy.codec.ProtocolException;
import io.surrogate.proxy.relay.TwinSession;
import io.surrogate.proxy.source.SourceCall;
import io.surrogate.proxy.source.SourceOutcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty handler of one client connection. Pre-startup requests (SSL, GSSENC, cancel) are answered on the event
 * loop; everything else runs in order on the session's {@link SerialExecutor}, because JDBC calls block.
 */
public final class Session extends ChannelInboundHandlerAdapter implements SessionOutput {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final SessionServices services;
  private final SslContext sslContext;
  private final SerialExecutor worker;
  private final Object writability = new Object();
  private final int secretKey;
  private final StartupFlow startup;
  private volatile Channel channel;
  private volatile int processId = -1;
  private volatile SessionState state;
  private ExtendedProtocol extended;
  private boolean skipUntilSync;
  /** True from the first message of a query cycle until the ReadyForQuery that ends it is handed to the channel. */
  private volatile boolean midCycle;
  private volatile boolean closed;
  private static final int PUSH_BYTES = 64 * 1024;
  private final List<BackendMessage> pending = new ArrayList<>();
  private int pendingBytes;
  /** Writes the worker queued for the event loop that the loop has not yet put in the channel. */
  private final AtomicInteger writesInFlight = new AtomicInteger();
  /** The execution running on the source's protocol now, if any. */
  private volatile SourceCall activeCall;
  /** The twin session this one is relayed to once logged in, or null when it runs on the engine. */
  private volatile TwinSession relay;

  /** Creates the handler for one accepted connection; {@code sslContext} may be null (TLS refused). */
  public Session(SessionServices services, SslContext sslContext) {
    this.services = services;
    this.sslContext = sslContext;
    this.worker = new SerialExecutor(services.workers(), this::runsHere);
    this.secretKey = services.random().nextInt();
    this.startup = new StartupFlow(services, this);
  }

  int processId() {
    return processId;
  }

  Channel channel() {
    return channel;
  }

  /**
   * From now on the client's bytes go to {@code twin} unchanged: the message decoder leaves the pipeline (what it
   * held goes to the relay) and this handler passes raw bytes on. Runs on the event loop before anything the
   * worker writes after it, so the client's next message already meets the relay.
   */
  void startRelay(TwinSession twin) {
    Channel ch = channel;
    ch.eventLoop().execute(() -> {
      relay = twin;
      if (!ch.isActive()) {
        twin.close();
        return;
      }
      ch.pipeline().remove("decoder");
    });
  }

  int secretKey() {
    return secretKey;
  }

  /** Admits this session against the connection limit; false when the server is full. */
  boolean admit() {
    int pid = services.registry().admit(this);
    if (pid < 0) {
      return false;
    }
    processId = pid;
    return true;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    TwinSession twin = relay;
    if (twin != null && msg instanceof ByteBuf bytes) {
      twin.fromClient(bytes);
      return;
    }
    if (msg instanceof FrontendMessage.SslRequest) {
      answerSsl(ctx);
    } else if (msg instanceof FrontendMessage.GssEncRequest) {
      ctx.writeAndFlush(new EncryptionResponse('N'));
    } else if (msg instanceof FrontendMessage.CancelRequest cancel) {
      // Closed once the cancel is delivered: pgJDBC waits for the close, so its next query cannot meet this cancel.
      services.workers().execute(() -> {
        try {
          services.registry().cancel(cancel.processId(), cancel.secretKey());
        } finally {
          ctx.close();
        }
      });
    } else if (msg instanceof FrontendMessage.Terminate) {
      // Queued behind earlier messages so that pipelined queries still run and answer first.
      worker.execute(() -> ctx.channel().close());
    } else if (msg instanceof FrontendMessage m) {
      SessionState s = state;
      if (s != null) {
        s.runner.startCycle();
      }
      worker.offer(new MessageTask(m));
    }
  }

  /** Handling of one client message, as a task of the session's executor. */
  private final class MessageTask implements Runnable {
    final FrontendMessage message;

    MessageTask(FrontendMessage message) {
      this.message = message;
    }

    @Override
    public void run() {
      handle(message);
    }
  }

  /**
   * Whether {@code task} may run on the event loop: it never waits on JDBC, and every write the worker made has
   * reached the channel (the loop's own writes go straight in, so they would overtake). That holds for the
   * messages of an execution that passes through to the source (Bind, Execute, Sync) and for Flush; asked only
   * while the session's executor is owned, so the session's state is stable.
   */
  private boolean runsHere(Runnable task) {
    if (!(task instanceof MessageTask t) || state == null || closed || writesInFlight.get() != 0) {
      return false;
    }
    FrontendMessage m = t.message;
    if (m instanceof FrontendMessage.Sync) {
      return extended.portalsHoldNothing();
    }
    if (skipUntilSync || m instanceof FrontendMessage.Flush) {
      return true;
    }
    if (m instanceof FrontendMessage.Bind b) {
      return extended.bindIsQuick(b);
    }
    return m instanceof FrontendMessage.Execute e && extended.executeIsQuick(e);
  }

  private void answerSsl(ChannelHandlerContext ctx) {
    if (sslContext == null) {
      ctx.writeAndFlush(new EncryptionResponse('N'));
      return;
    }
    // The 'S' must leave in clear text; TLS starts with the next bytes the client sends.
    ctx.pipeline().addFirst("tls", sslContext.newHandler(ctx.alloc()));
    ctx.pipeline().context("tls").writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'S'}));
  }

  private void handle(FrontendMessage message) {
    if (closed) {
      return;
    }
    if (state == null) {
      handleStartup(message);
      return;
    }
    if (skipUntilSync && !(message instanceof FrontendMessage.Sync)) {
      return;
    }
    run(() -> dispatch(message));
  }

  /** A step of the session that may fail with an error to report. */
  @FunctionalInterface
  private interface Step {
    void run() throws SQLException;
  }

  private void run(Step step) {
    try {
      step.run();
    } catch (SQLException e) {
      reportError(Errors.of(e));
    } catch (RuntimeException e) {
      LOG.warn("session {}: unexpected failure", processId, e);
      reportError(Errors.internal(e));
    } catch (Error e) {
      // An error that escaped (out of memory above all) must still answer the client, or it waits forever.
      LOG.error("session {}: statement failed with {}", processId, e.getClass().getSimpleName());
      reportError(Errors.of(e));
    }
  }

  /** The client's IP address (from the connection; loopback when it has none, e.g. an embedded channel). */
  InetAddress clientAddress() {
    Channel ch = channel;
    if (ch != null && ch.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
      return a.getAddress();
    }
    return InetAddress.getLoopbackAddress();
  }

  /**
   * Pauses the session for {@code delay}, then runs the rest of its startup on the pool: the wait holds no
   * thread, and messages that arrive meanwhile queue behind it.
   */
  void answerLater(Duration delay, StartupFlow.Continuation rest) {
    worker.pause();
    Runnable resume = () -> worker.resume(() -> runStartup(rest), false);
    try {
      channel.eventLoop().schedule(resume, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The server is shutting down; answer now, the channel closes anyway.
      resume.run();
    }
  }

  private void handleStartup(FrontendMessage message) {
    runStartup(() -> startup.handle(message, this));
  }

  private void runStartup(StartupFlow.Continuation step) {
    if (closed) {
      // The client left while its answer waited.
      return;
    }
    try {
      SessionState ready = step.run();
      if (ready != null) {
        extended = new ExtendedProtocol(ready);
        state = ready;
      }
    } catch (StartupFlow.StartupException e) {
      fatal(e.sqlState, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("session {}: startup failed", processId, e);
      fatal(SqlState.INTERNAL_ERROR.code(),
          ClientMessages.sanitize("internal error during startup: " + e.getMessage()));
    }
  }

  private void dispatch(FrontendMessage message) throws SQLException {
    midCycle = true;
    if (message instanceof FrontendMessage.Query q) {
      new SimpleQuery(state).run(q.sql());
      extended.closePortals();
      readyForQuery();
    } else if (message instanceof FrontendMessage.Parse p) {
      extended.parse(p);
    } else if (message instanceof FrontendMessage.Bind b) {
      extended.bind(b);
    } else if (message instanceof FrontendMessage.Describe d) {
      extended.describe(d);
    } else if (message instanceof FrontendMessage.Execute e) {
      Channel ch = channel;
      if (ch != null && ch.eventLoop().inEventLoop() && !extended.executeIsQuick(e)) {
        // The source became unavailable since this Execute was judged quick: the engine runs it, on the pool.
        worker.requeue(new MessageTask(message));
        return;
      }
      Portal portal = extended.execute(e);
      if (portal != null) {
        passThrough(portal);
      }
    } else if (message instanceof FrontendMessage.Close c) {
      extended.close(c);
    } else if (message instanceof FrontendMessage.Flush) {
      flush();
    } else if (message instanceof FrontendMessage.Sync) {
      skipUntilSync = false;
      if (!state.transaction.inBlock()) {
        extended.closePortals();
      }
      readyForQuery();
    } else {
      throw SqlState.PROTOCOL_VIOLATION.create("unexpected message " + message.getClass().getSimpleName()
          + " after authentication");
    }
  }

  /**
   * Hands the portal's execution to the source's protocol and pauses the session until it ends: the rows go from
   * the source to the client on the event loop, and the session goes on with what the client sent next.
   */
  private void passThrough(Portal portal) {
    PassThroughForm form = portal.query.passThrough;
    FrontendMessage.Bind bind = portal.bind;
    int[] clientParameter = form.clientParameter();
    byte[][] values = new byte[clientParameter.length][];
    short[] formats = new short[clientParameter.length];
    for (int k = 0; k < clientParameter.length; k++) {
      values[k] = bind.parameterValues()[clientParameter[k]];
      formats[k] = (short) bind.parameterFormat(clientParameter[k]);
    }
    // What the session wrote so far (BindComplete...) must be in the channel before the source's rows; the
    // channel keeps the order, and whoever ends the cycle (ReadyForQuery) flushes.
    push(false);
    ScheduledFuture<?>[] timer = new ScheduledFuture<?>[1];
    SourceCall call = new SourceCall(form.statement(), values, formats, bind.resultFormats(), channel,
        // On the event loop: an execution that ended there continues there; a fallback runs JDBC on the pool.
        outcome -> worker.resume(() -> afterPassThrough(portal, outcome, timer[0]),
            !(outcome instanceof SourceOutcome.Fallback)));
    worker.pause();
    activeCall = call;
    timer[0] = state.runner.beginRemote(call::cancel);
    state.services.passThrough().submit(call);
  }

  private void afterPassThrough(Portal portal, SourceOutcome outcome, ScheduledFuture<?> timer) {
    activeCall = null;
    run(() -> {
      SQLException failure = state.runner.endRemote(timer,
          outcome instanceof SourceOutcome.Failed f ? f.sqlState() : null,
          outcome instanceof SourceOutcome.Failed f ? f.message() : null);
      if (failure != null) {
        throw failure;
      }
      if (outcome instanceof SourceOutcome.Fallback fallback) {
        if (fallback.reject()) {
          portal.query.passThroughRejected = true;
        }
        LOG.debug("session {}: statement runs on the engine path: {}", processId, fallback.reason());
        if (!closed) {
          extended.executeOnEngine(portal, 0);
        }
        return;
      }
      portal.close();
      portal.done = true;
    });
  }

  private void readyForQuery() {
    state.runner.endCycle();
    write(new BackendMessage.ReadyForQuery(state.transaction.status()));
    flush();
    midCycle = false;
  }

  /**
   * Whether the session is in a query cycle: it got a client message and has not yet answered ReadyForQuery
   * (pg_stat_activity's {@code active}).
   */
  public boolean inQuery() {
    SessionState s = state;
    return s != null && s.runner.inCycle();
  }

  /** Extended-protocol error: report it, fail the transaction block and skip to the next Sync. */
  private void reportError(ErrorResponse error) {
    write(error);
    state.transaction.fail();
    skipUntilSync = true;
    flush();
  }

  private void fatal(String sqlState, String message) {
    closed = true;
    Channel ch = channel;
    if (ch != null && !ch.eventLoop().inEventLoop()) {
      // Only the worker owns the pending buffer; from the event loop the fatal error simply goes out next.
      flush();
    }
    if (ch != null) {
      ch.writeAndFlush(ErrorResponse.fatal(sqlState, message)).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Cancels the running statement if {@code key} is this session's secret (from a CancelRequest). */
  void cancelIfSecretMatches(int key) {
    SessionState s = state;
    TwinSession twin = relay;
    if (key == secretKey && twin != null) {
      try {
        twin.cancel().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException e) {
        LOG.debug("session {}: forwarding a cancel to the twin failed", processId, e.getCause());
      }
    } else if (key == secretKey && s != null) {
      s.runner.cancelRequested("user request");
    }
  }

  /**
   * Waits until the running query cycle (if any) has sent its ReadyForQuery, up to {@code deadlineNanos}; then
   * closes. An idle worker alone is not enough: in the extended protocol it is idle between Execute and Sync.
   */
  public void closeGracefully(long deadlineNanos) throws InterruptedException {
    // midCycle is read before isIdle: a cycle that starts in between keeps the worker busy, so the loop goes on.
    while (worker.awaitIdle(deadlineNanos) && (midCycle || !worker.isIdle()) && !closed
        && System.nanoTime() < deadlineNanos) {
      Thread.sleep(5);
    }
    Channel ch = channel;
    if (ch != null) {
      // Closed once the worker's last write has gone out, and awaited: the server shuts its event loops down
      // next, and a loop that shuts down closes its channels before running the writes still queued.
      worker.execute(() -> {
        // A channel already closed (its loop may be gone when the wait below timed out) needs nothing more.
        if (ch.isActive() && !ch.eventLoop().isShuttingDown()) {
          ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
      });
      ch.closeFuture().await(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
    }
  }

  /** Waits until the session's queued work (for a closed channel: releasing its engine connection) is done. */
  public void awaitIdle(long deadlineNanos) throws InterruptedException {
    worker.awaitIdle(deadlineNanos);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    closed = true;
    TwinSession twin = relay;
    if (twin != null) {
      twin.close();
    }
    SessionState s = state;
    if (s != null) {
      s.runner.cancel("client disconnect");
    }
    worker.execute(this::release);
    synchronized (writability) {
      writability.notifyAll();
    }
    super.channelInactive(ctx);
  }

  private void release() {
    SessionState s = state;
    if (s != null) {
      extended.closeAll();
      try {
        s.connection.close();
      } catch (SQLException e) {
        LOG.debug("session {}: closing the engine connection failed", processId, e);
      }
    }
    if (processId >= 0) {
      services.registry().release(processId, this);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    TwinSession twin = relay;
    if (twin != null) {
      twin.flushToTwin();
    }
    super.channelReadComplete(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    TwinSession twin = relay;
    if (twin != null && ctx.channel().isWritable()) {
      twin.clientWritable();
    }
    SourceCall call = activeCall;
    if (call != null && ctx.channel().isWritable()) {
      call.clientWritable();
    }
    synchronized (writability) {
      writability.notifyAll();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    // A relayed session's idle timeout is the twin's own idle_session_timeout, which knows a running query.
    if (evt instanceof IdleStateEvent && worker.isIdle() && relay == null) {
      fatal(SqlState.IDLE_SESSION_TIMEOUT.code(), "terminating connection due to idle-session timeout ("
          + services.config().idleTimeout().toSeconds() + " s)");
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (c instanceof ProtocolException p) {
      LOG.debug("session {}: protocol violation: {}", processId, p.getMessage());
      fatal(p.sqlState(), p.getMessage());
    } else {
      LOG.debug("session {}: connection failure", processId, c);
      ctx.close();
    }
  }

  /**
   * Queues a message in the session's own buffer; the buffer goes to the channel as one {@link
   * BackendMessage.Batch} on {@link #flush()} or once it holds {@value #PUSH_BYTES} bytes, so one reply costs one
   * hand-over to the event loop instead of one per message. Called only from the session's worker.
   */
  @Override
  public void write(BackendMessage message) {
    pending.add(message);
    pendingBytes += message.estimatedSize();
    if (pendingBytes >= PUSH_BYTES) {
      push(false);
    }
  }

  @Override
  public void flush() {
    push(true);
  }

  private void push(boolean flush) {
    Channel ch = channel;
    if (ch == null) {
      pending.clear();
      pendingBytes = 0;
      return;
    }
    if (!pending.isEmpty()) {
      BackendMessage m = pending.size() == 1 ? pending.get(0) : new BackendMessage.Batch(pending);
      pending.clear();
      pendingBytes = 0;
      if (flush) {
        ch.writeAndFlush(m, ch.voidPromise());
      } else {
        ch.write(m, ch.voidPromise());
      }
      if (!ch.eventLoop().inEventLoop()) {
        // Netty queues a write from another thread as a task of the loop; the marker queued behind it tells the
        // loop when that write is in the channel, before which the loop must not write for this session itself.
        writesInFlight.incrementAndGet();
        ch.eventLoop().execute(writesInFlight::decrementAndGet);
      }
    } else if (flush) {
      ch.flush();
    }
  }

  @Override
  public boolean isWritable() {
    Channel ch = channel;
    return ch == null || ch.isWritable();
  }

  @Override
  public void awaitWritable() {
    flush();
    Channel ch = channel;
    synchronized (writability) {
      while (ch != null && ch.isActive() && !ch.isWritable()) {
        try {
          writability.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
