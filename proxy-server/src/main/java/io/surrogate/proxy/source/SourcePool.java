package io.surrogate.proxy.source;

import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The source connections of one event loop and the calls waiting for one; used only on that loop, so it needs no
 * locks, and a call's rows never change threads on their way to the client. A call goes to the least busy
 * connection if it is idle or runs short calls with few queued behind them: the source then runs them back to
 * back on one backend, which on a small machine costs it far fewer wake-ups than one backend per client (the
 * side-by-side bench measured it). Only when every connection is busy with long or many calls does the pool open
 * another, up to its limit; the call waits meanwhile.
 */
final class SourcePool {
  private final PassThrough owner;
  private final EventLoop loop;
  private final int max;
  private final List<SourceConnection> connections = new ArrayList<>();
  private final ArrayDeque<SourceCall> waiting = new ArrayDeque<>();
  private int open;
  private boolean closed;

  SourcePool(PassThrough owner, EventLoop loop, int max) {
    this.owner = owner;
    this.loop = loop;
    this.max = max;
  }

  /** Runs {@code call} on the least busy connection that takes it, or queues it until one does. */
  void submit(SourceCall call) {
    if (closed) {
      call.complete(new SourceOutcome.Fallback(false, "the proxy is shutting down"));
      return;
    }
    SourceConnection best = leastBusy();
    if (best != null && (best.load() == 0 || best.takesMore(System.nanoTime()))) {
      best.start(call);
      return;
    }
    // One connection opens at a time: a burst of first calls waits for it rather than opening one each.
    if (open < max && open == connections.size()) {
      open++;
      owner.connect(loop, this);
    }
    call.queuedIn = this;
    waiting.add(call);
  }

  private SourceConnection leastBusy() {
    SourceConnection best = null;
    for (SourceConnection c : connections) {
      if (c.accepting() && (best == null || c.load() < best.load())) {
        best = c;
        if (best.load() == 0) {
          break;
        }
      }
    }
    return best;
  }

  /** A connection finished logging in. */
  void ready(SourceConnection c) {
    if (closed) {
      c.terminate();
      return;
    }
    connections.add(c);
    feed(c);
  }

  /** A call on {@code c} ended, or a cancel request for it arrived. */
  void ended(SourceConnection c) {
    if (closed && c.load() == 0) {
      connections.remove(c);
      c.terminate();
      return;
    }
    feed(c);
  }

  private void feed(SourceConnection c) {
    SourceCall next;
    while (c.accepting() && (c.load() == 0 || c.takesMore(System.nanoTime())) && (next = waiting.poll()) != null) {
      next.queuedIn = null;
      c.start(next);
    }
  }

  /** A connection is gone; {@code wasReady} false means it never logged in. */
  void lost(SourceConnection c, boolean wasReady, String reason) {
    open--;
    connections.remove(c);
    if (!wasReady) {
      owner.unavailable(reason);
      SourceCall w;
      while ((w = waiting.poll()) != null) {
        w.queuedIn = null;
        w.complete(new SourceOutcome.Fallback(false, reason));
      }
    } else if (!waiting.isEmpty() && open < max && !closed) {
      open++;
      owner.connect(loop, this);
    }
  }

  /** A connection attempt failed before the connection existed. */
  void connectFailed(String reason) {
    lost(null, false, reason);
  }

  /** Takes back a call that is still waiting (it was cancelled). */
  void withdraw(SourceCall call) {
    waiting.remove(call);
    call.queuedIn = null;
  }

  /** Ends every idle connection; connections running calls end once their calls have ended. */
  void close() {
    closed = true;
    for (SourceConnection c : new ArrayList<>(connections)) {
      if (c.load() == 0) {
        connections.remove(c);
        c.terminate();
      }
    }
    SourceCall w;
    while ((w = waiting.poll()) != null) {
      w.queuedIn = null;
      w.complete(new SourceOutcome.Fallback(false, "the proxy is shutting down"));
    }
  }
}
