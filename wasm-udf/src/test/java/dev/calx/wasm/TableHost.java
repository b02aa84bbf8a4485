package dev.calx.wasm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * A {@link RoutineHost} over rows in memory, for tests that cannot use a database. It answers a
 * few commands, by the first word of the "SQL":
 *
 * <ul>
 *   <li>{@code SELECT}: a query over {@link #rows}, whose width is the first row's;
 *   <li>{@code INSERT}: a write that records its bound parameters and changes one row;
 *   <li>{@code MISSING}: fails to prepare (42S02); {@code DUPLICATE}: fails to execute (23505);
 *       {@code BADCOL}: a one-row query whose column 2 fails to read (22012);
 *   <li>{@code SLEEP}: sleeps parameter 1 milliseconds in host code;
 *   <li>{@code CALL}: runs {@link #onCall} with the bound parameters, as a nested call would;
 *   <li>{@code BOOM}: throws an exception that is not the guest's to handle; {@code DENY}: refuses
 *       with 38002, as a read-only routine's write is refused.
 * </ul>
 *
 * <p>It counts the statements it has open, and notes whether host code ever ran with the
 * thread's interrupt flag set, which the runtime must never allow.
 */
final class TableHost implements RoutineHost {
  final List<Object[]> rows = new ArrayList<>();
  final List<List<Object>> inserted = new ArrayList<>();
  /** What {@code CALL} runs; by default nothing, changing 0 rows. */
  ToLongFunction<Object[]> onCall = params -> 0;
  private int open;
  private int prepared;
  private boolean interruptedInHost;

  TableHost(Object[]... rows) {
    this.rows.addAll(Arrays.asList(rows));
  }

  /** Statements prepared and not yet closed. */
  int openStatements() {
    return open;
  }

  int preparedStatements() {
    return prepared;
  }

  boolean sawInterrupt() {
    return interruptedInHost;
  }

  @Override
  public GuestStatement prepare(String sql) {
    noteInterrupt();
    String command = sql.strip().split("\\s+")[0].toUpperCase(Locale.ROOT);
    if (command.equals("MISSING")) {
      throw new HostSqlException("42S02", "table MISSING does not exist", null);
    }
    prepared++;
    open++;
    return new Statement(command);
  }

  private void noteInterrupt() {
    interruptedInHost |= Thread.currentThread().isInterrupted();
  }

  private final class Statement implements GuestStatement {
    private final String command;
    private final Object[] params = new Object[8];
    private List<Object[]> result = List.of();
    private int row = -1;
    private boolean closed;

    Statement(String command) {
      this.command = command;
    }

    @Override
    public void bind(int index, Object value) {
      noteInterrupt();
      if (index > params.length) {
        throw new HostSqlException("07009", "parameter " + index + " does not exist", null);
      }
      params[index - 1] = value;
    }

    @Override
    public long execute() {
      noteInterrupt();
      row = -1;
      result = List.of();
      switch (command) {
        case "SELECT":
          result = rows;
          return 0;
        case "BADCOL":
          result = List.<Object[]>of(new Object[] {1, 2});
          return 0;
        case "INSERT":
          inserted.add(Arrays.asList(params.clone()));
          return 1;
        case "DUPLICATE":
          throw new HostSqlException("23505", "duplicate key", null);
        case "SLEEP":
          sleep(((Number) params[0]).longValue());
          return 0;
        case "CALL":
          return onCall.applyAsLong(params.clone());
        case "BOOM":
          throw new IllegalStateException("boom");
        case "DENY":
          throw new RoutineFailedException("38002", "a routine that reads SQL data tried to write");
        default:
          throw new HostSqlException("42601", "unknown command " + command, null);
      }
    }

    private void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        interruptedInHost = true;
        Thread.currentThread().interrupt();
      }
      noteInterrupt();
    }

    @Override
    public int columnCount() {
      return result.isEmpty() ? 0 : result.get(0).length;
    }

    @Override
    public boolean next() {
      noteInterrupt();
      return ++row < result.size();
    }

    @Override
    public Object column(int column) {
      noteInterrupt();
      if (command.equals("BADCOL") && column == 2) {
        throw new HostSqlException("22012", "division by zero", null);
      }
      return result.get(row)[column - 1];
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        open--;
      }
    }
  }
}
