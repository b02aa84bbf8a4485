package dev.calx.client;

import java.io.IOException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * Turns what Avatica's client throws into the {@link SQLException} an application should see:
 * the server's SQLSTATE with the server's own message, without Avatica's
 * {@code Error -1 (42704) : Error while executing SQL "..." : Remote driver error:} framing;
 * 08001 / 08006 when no server answers (connection pools retire a connection on class 08); and
 * 28000 when the server refuses the credentials, which Avatica reports as an unchecked exception
 * with the HTTP status only. The original exception stays the cause.
 */
final class RemoteSqlStates {
  /** What Avatica's client puts before the message the server sent. */
  private static final String REMOTE_PREFIX = "Remote driver error: ";

  /** The message in the text of the server's {@code AvaticaRuntimeException} (sic). */
  private static final Pattern SERVER_EXCEPTION = Pattern.compile(
      "^AvaticaRuntimeException: \\[Messsage: '(.*)', Error code: '", Pattern.DOTALL);

  private RemoteSqlStates() {}

  /**
   * The exception to throw for {@code thrown}.
   *
   * @param connecting whether this happened while opening the connection (08001, not 08006)
   */
  static SQLException translate(Throwable thrown, boolean connecting) {
    if (thrown instanceof AvaticaSqlException e) {
      return new SQLException(serverMessage(e), e.getSQLState(), e.getErrorCode(), e);
    }
    if (thrown instanceof AvaticaClientRuntimeException e) {
      // What Avatica's client throws unchecked, from commit() and rollback() among others.
      return new SQLException(serverMessage(e.getMessage()), e.getSqlState(), e.getErrorCode(),
          e);
    }
    String http = httpStatus(thrown);
    if (http != null) {
      return new SQLException(http.equals("401")
          ? "the server refused the credentials (HTTP 401): wrong or missing user or password"
          : "the server refused the connection (HTTP " + http + "): the user has no role",
          "28000", thrown);
    }
    IOException io = cause(thrown, IOException.class);
    if (io != null) {
      return new SQLException((connecting ? "cannot connect to the Calx server: "
          : "the connection to the Calx server failed: ") + io, connecting ? "08001" : "08006",
          thrown);
    }
    if (thrown instanceof SQLException e) {
      return e;
    }
    return new SQLException(String.valueOf(thrown.getMessage()), null, thrown);
  }

  /**
   * The server's message in {@code e}. A failed execution carries it in its message; a failed
   * prepare only in the server's exception, which reaches the client as the text of
   * {@code AvaticaRuntimeException.toString()} (the server sends it without stack frames).
   */
  private static String serverMessage(AvaticaSqlException e) {
    String message = e.getErrorMessage();
    if (message != null && message.contains(REMOTE_PREFIX)) {
      return serverMessage(message);
    }
    for (String trace : e.getStackTraces()) {
      Matcher m = SERVER_EXCEPTION.matcher(trace);
      if (m.find()) {
        return m.group(1);
      }
    }
    return message;
  }

  /** The server's own message within Avatica's framing of it. */
  private static String serverMessage(String message) {
    if (message == null) {
      return null;
    }
    int start = message.lastIndexOf(REMOTE_PREFIX);
    return start < 0 ? message : message.substring(start + REMOTE_PREFIX.length());
  }

  /** The HTTP status of a refused request, which Avatica reports only in a message. */
  private static String httpStatus(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && (message.endsWith("HTTP/401") || message.endsWith("HTTP/403"))) {
        return message.substring(message.length() - 3);
      }
    }
    return null;
  }

  private static <T extends Throwable> T cause(Throwable thrown, Class<T> type) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
