package io.surrogate.proxy.source;

import io.netty.channel.Channel;
import io.surrogate.catalog.SqlState;
import java.util.function.Consumer;

/**
 * One execution to pass through: the statement, the client's parameter values in the client's formats, the
 * result formats the client asked for, and where the rows go. Its state is touched only on the client's event
 * loop, which is also the loop of the source connection that runs it.
 */
public final class SourceCall {
  final SourceStatement statement;
  final byte[][] values;
  final short[] formats;
  final short[] resultFormats;
  final Channel client;
  private final Consumer<SourceOutcome> done;
  private volatile PassThrough owner;
  SourceConnection connection;
  SourcePool queuedIn;
  boolean parsing;
  boolean parseCompleted;
  String statementName;
  boolean rejected;
  String rejectReason;
  boolean retry;
  String errorCode;
  String errorMessage;
  boolean forwarded;
  boolean unflushed;
  boolean cancelRequested;
  int cancelsSent;
  private boolean finished;

  /**
   * Describes one execution.
   *
   * @param statement what the source prepares
   * @param values each {@code $n}'s value as the client sent it (null for SQL NULL)
   * @param formats each {@code $n}'s format code (0 text, 1 binary)
   * @param resultFormats the result format codes as the client sent them in Bind (0, 1 or one per column)
   * @param client the client's channel
   * @param done told the outcome once, on the client's event loop
   */
  public SourceCall(SourceStatement statement, byte[][] values, short[] formats, short[] resultFormats,
      Channel client, Consumer<SourceOutcome> done) {
    if (values.length != statement.parameterCount() || formats.length != values.length) {
      throw new IllegalArgumentException("values: " + values.length + ", formats: " + formats.length
          + " (expected: " + statement.parameterCount() + " of each)");
    }
    this.statement = statement;
    this.values = values;
    this.formats = formats;
    this.resultFormats = resultFormats;
    this.client = client;
    this.done = done;
  }

  void attach(PassThrough passThrough) {
    this.owner = passThrough;
  }

  /** Asks the source to cancel this execution; callable from any thread, harmless once it has ended. */
  public void cancel() {
    client.eventLoop().execute(() -> {
      if (finished) {
        return;
      }
      cancelRequested = true;
      if (connection != null) {
        connection.cancel(this);
      } else if (queuedIn != null) {
        queuedIn.withdraw(this);
        complete(new SourceOutcome.Failed(SqlState.QUERY_CANCELED.code(), "canceling statement due to user request"));
      }
    });
  }

  /** Tells the call that the client can take more rows; callable from any thread. */
  public void clientWritable() {
    client.eventLoop().execute(() -> {
      if (connection != null) {
        connection.resumeReading();
      }
    });
  }

  void complete(SourceOutcome outcome) {
    if (finished) {
      return;
    }
    finished = true;
    PassThrough p = owner;
    if (p != null && outcome instanceof SourceOutcome.Done) {
      p.recordExecution();
    }
    done.accept(outcome);
  }

  /** The outcome from what the source sent. */
  SourceOutcome outcome() {
    if (errorCode != null) {
      if (retry && !forwarded) {
        return new SourceOutcome.Fallback(false, "source: " + errorMessage);
      }
      return new SourceOutcome.Failed(errorCode, errorMessage);
    }
    if (rejected) {
      return new SourceOutcome.Fallback(true, rejectReason);
    }
    return new SourceOutcome.Done();
  }
}
