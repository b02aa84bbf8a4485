package dev.calx.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Collects the lines the engine writes to the audit logger while it is open. */
final class AuditCapture extends Handler implements AutoCloseable {
  private static final Logger AUDIT = Logger.getLogger("dev.calx.audit");

  private final List<String> lines = new CopyOnWriteArrayList<>();

  private AuditCapture() {}

  /** Starts collecting; {@link #close()} stops. */
  static AuditCapture start() {
    AuditCapture capture = new AuditCapture();
    AUDIT.addHandler(capture);
    return capture;
  }

  /** The lines collected so far, formatted as the audit log writes them. */
  List<String> lines() {
    return lines;
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(new SimpleFormatter().formatMessage(record));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    AUDIT.removeHandler(this);
  }
}
