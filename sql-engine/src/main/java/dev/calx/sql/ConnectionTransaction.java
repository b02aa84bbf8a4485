package dev.calx.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The transaction of one Calx connection: its auto-commit mode, isolation level and savepoints,
 * and the connection to the embedded database that an open transaction is pinned to.
 *
 * <p>In auto-commit mode every statement takes a connection of its own from the pool, so each is
 * one transaction of the embedded database. With auto-commit off (or after SQL's
 * {@code START TRANSACTION}, until the transaction ends), the first statement that
 * touches a table pins one pool connection, and every later read and write of the connection
 * (Calcite's queries pushed down to H2, INSERT/UPDATE/DELETE, DML that calls functions) runs on
 * it until {@link #commit} or {@link #rollback} hands it back. Calcite's generated code reaches
 * that connection through {@link #dataSource}.
 *
 * <p>Thread safety: a JDBC connection is used by one thread at a time, but the server may run
 * one client connection's requests on different threads, and close it from a cache eviction
 * while a request runs; every method is synchronized so each state change is atomic. The lock is
 * per connection, so connections never wait for each other here.
 */
public final class ConnectionTransaction {
  /** The isolation level of a connection that never set one: H2's default. */
  public static final int DEFAULT_ISOLATION = Connection.TRANSACTION_READ_COMMITTED;
  /** The levels H2's MVStore offers, by JDBC constant; a connection may choose any of them. */
  private static final Map<Integer, String> SUPPORTED_ISOLATION = new TreeMap<>(Map.of(
      Connection.TRANSACTION_READ_UNCOMMITTED, "READ_UNCOMMITTED (1)",
      Connection.TRANSACTION_READ_COMMITTED, "READ_COMMITTED (2, the default)",
      Connection.TRANSACTION_REPEATABLE_READ, "REPEATABLE_READ (4)",
      Connection.TRANSACTION_SERIALIZABLE, "SERIALIZABLE (8)"));

  private final HikariDataSource pool;
  private final CommitBarrier barrier;
  /** The connections this transaction's statements run on: see {@link #dataSource}. */
  private final DataSource dataSource = (ConnectionSource) this::statementConnection;
  private final List<NamedSavepoint> savepoints = new ArrayList<>();
  private boolean autoCommit = true;
  /** Whether SQL's START TRANSACTION opened a transaction in auto-commit mode, until it ends. */
  private boolean explicit;
  /** Whether a routine's call opened a transaction of its own in auto-commit mode, until it ends. */
  private boolean routineCall;
  private int isolation = DEFAULT_ISOLATION;
  /** The pool connection of the open transaction; null while none is open. */
  private volatile Connection pinned;
  /** The pool connection a reading routine's call runs on in auto-commit mode, while it runs. */
  private Connection lent;
  /** A pinned connection a storage failure took away ({@link #abandonAfterStorageFailure}). */
  private volatile Connection abandoned;
  private int nextSavepointId = 1;
  /** Set by {@link #close}; a statement still running then gets no new connection. */
  private boolean closed;

  /**
   * A connection's transaction over the embedded database's pool.
   *
   * @param barrier what a commit waits for before it is acknowledged
   */
  public ConnectionTransaction(HikariDataSource pool, CommitBarrier barrier) {
    this.pool = pool;
    this.barrier = barrier;
  }

  /**
   * Returns once whatever the connection's last statement committed (itself in auto-commit mode,
   * the catalog for DDL) is in the database's file. Called before a statement's result reaches
   * its client.
   */
  public void awaitDurable() {
    barrier.await();
  }

  /**
   * Where the connection's statements get their connection to the embedded database: the pinned
   * one inside a transaction (closing it does not end the transaction), else a fresh one.
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Opens a transaction in auto-commit mode, as SQL's {@code START TRANSACTION}: the statements
   * up to the next COMMIT or ROLLBACK form one transaction, then auto-commit resumes. With
   * auto-commit off every statement is in a transaction already, and this does nothing.
   *
   * @throws SQLException 25001 if START TRANSACTION already opened one
   */
  public synchronized void begin() throws SQLException {
    if (explicit) {
      throw new SQLException("a transaction is open already: COMMIT or ROLLBACK it first",
          "25001");
    }
    explicit = autoCommit;
  }

  /** Whether each statement commits on its own. */
  public synchronized boolean autoCommit() {
    return autoCommit;
  }

  /**
   * Turns auto-commit on or off, as JDBC's {@code Connection.setAutoCommit} specifies: turning
   * it on commits the open transaction, and a call that does not change the mode does nothing
   * (so a transaction opened by START TRANSACTION survives a client re-sending its settings).
   */
  public synchronized void setAutoCommit(boolean on) throws SQLException {
    if (on == autoCommit) {
      return;
    }
    if (on) {
      commitOpen();
    }
    autoCommit = on;
  }

  /** The isolation level, one of {@link Connection}'s {@code TRANSACTION_} constants. */
  public synchronized int isolation() {
    return isolation;
  }

  /**
   * Sets the isolation level of the transactions to come.
   *
   * @throws SQLException 0A000 for a level H2 does not offer, 25001 inside an open transaction
   */
  public synchronized void setIsolation(int level) throws SQLException {
    if (level == isolation) {
      return;
    }
    if (!SUPPORTED_ISOLATION.containsKey(level)) {
      throw new SQLException("transaction isolation level " + level + " is not supported; use "
          + SUPPORTED_ISOLATION.values(), "0A000");
    }
    if (pinned != null) {
      throw new SQLException("the isolation level cannot change inside a transaction: commit"
          + " or roll back first", "25001");
    }
    isolation = level;
  }

  /**
   * Commits the open transaction, as JDBC's {@code Connection.commit}.
   *
   * @throws SQLException 25P01 in auto-commit mode: a client that believes otherwise (Avatica's
   *     client only tells the server of {@code setAutoCommit(false)} with its next statement
   *     created or prepared) must learn that its writes were committed one by one
   */
  public synchronized void commit() throws SQLException {
    requireTransactionMode("commit");
    commitOpen();
  }

  /** Rolls back the open transaction, as JDBC's {@code Connection.rollback}; 25P01 as commit. */
  public synchronized void rollback() throws SQLException {
    requireTransactionMode("roll back");
    rollbackOpen();
  }

  /** Commits the open transaction if there is one, as SQL's {@code COMMIT} and DDL do. */
  public synchronized void commitOpen() throws SQLException {
    // Whatever happens, the transaction is over: a failed commit rolled it back.
    explicit = false;
    if (pinned == null) {
      return;
    }
    try {
      requireLive();
      pinned.commit();
    } finally {
      unpin();
    }
    barrier.await();
  }

  /**
   * Rolls back the open transaction if there is one, as SQL's {@code ROLLBACK} does; one that
   * a storage failure already ended is simply let go.
   */
  public synchronized void rollbackOpen() throws SQLException {
    explicit = false;
    if (pinned == null) {
      return;
    }
    try {
      if (!pinned.isClosed() && pinned != abandoned) {
        pinned.rollback();
      }
    } finally {
      unpin();
    }
  }

  /**
   * Rolls back what the connection left open and lets its pool connection go; no statement of
   * the connection gets an embedded-database connection afterwards.
   */
  public synchronized void close() throws SQLException {
    closed = true;
    rollbackOpen();
  }

  /**
   * Fails if a storage failure closed the pinned connection (the pool evicts every connection
   * then, see {@code StorageFailures}): the transaction is gone, and the client must know.
   */
  private void requireLive() throws SQLException {
    if (pinned.isClosed() || pinned == abandoned) {
      unpin();
      explicit = false;
      throw new SQLException("the transaction was rolled back: a storage failure of the embedded"
          + " database ended it (see docs/operations.md, \"A full disk\"); start it again",
          "40003");
    }
  }

  /**
   * Takes the pinned connection away after a storage failure closed the database: H2 may not
   * open it again while a session of the failed one lives, and the transaction is lost anyway.
   * Called from the thread that saw the failure, without this connection's lock (its owner may
   * be inside a call); its next statement then fails with 40003.
   */
  public void abandonAfterStorageFailure() {
    Connection c = pinned;
    if (c != null) {
      abandoned = c;
      pool.evictConnection(c);
    }
  }

  /** Whether statements join one transaction rather than commit one by one. */
  private boolean inTransactionMode() {
    return !autoCommit || explicit || routineCall;
  }

  private void requireTransactionMode(String what) throws SQLException {
    if (!inTransactionMode()) {
      throw new SQLException("cannot " + what + ": auto-commit is on and no transaction was"
          + " started, so every statement was committed as it ran", "25P01");
    }
  }

  /**
   * Runs {@code work} atomically within the connection's transaction: in auto-commit mode as a
   * transaction of its own, inside an open transaction up to a savepoint that a failure rolls
   * back to, so the transaction goes on without any of the work's changes.
   */
  public synchronized <T> T atomically(Transaction<T> work) throws SQLException {
    if (!inTransactionMode()) {
      return Transaction.in(dataSource, work);
    }
    Connection c = pin();
    Savepoint before = c.setSavepoint();
    try {
      T result = work.run(c);
      c.releaseSavepoint(before);
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback(before);
      throw e;
    }
  }

  /**
   * Runs a routine's call atomically (docs/sql-reference.md, "Routines that run SQL"): inside an
   * open transaction up to a savepoint that its failure rolls back to, the transaction staying
   * open; in auto-commit mode as a transaction of its own on one pinned connection, committed
   * when the call returns, and on disk before this returns, or rolled back when it fails. A
   * routine the call runs nested in it is inside that transaction and gets a savepoint.
   *
   * <p>Why the lock is not held while the routine runs: its statements take this lock for their
   * connections, on this thread (the lock is re-entrant) but also, through the server, on
   * others; only the beginning and the end of the scope change the state, each under the lock.
   */
  public <T> T routineCall(Supplier<T> call) throws SQLException {
    boolean own;
    Savepoint savepoint;
    synchronized (this) {
      own = !inTransactionMode();
      routineCall |= own;
      try {
        Connection c = pin();
        savepoint = own ? null : c.setSavepoint();
      } catch (SQLException | RuntimeException e) {
        routineCall &= !own;
        throw e;
      }
    }
    T result;
    try {
      result = call.get();
    } catch (RuntimeException | Error e) {
      undo(own, savepoint, e);
      throw e;
    }
    if (own) {
      synchronized (this) {
        routineCall = false;
        if (closed) {
          // close() rolled the call's work back while it ran; commitOpen would find nothing.
          throw new SQLException("the connection was closed while the routine ran: its work was"
              + " rolled back", "08003");
        }
        commitOpen();
      }
    } else {
      keepRoutineWork(savepoint);
    }
    return result;
  }

  /**
   * Runs the call of a routine that only reads on one connection: inside a transaction on the
   * transaction's; in auto-commit mode on one pool connection lent to the call, and to the
   * routines nested in it, until it returns. Its statements still commit one by one (they only
   * read, and the connection's mode is never changed, so lending it costs little); without it
   * each would take a pool connection for as long as its rows are open, and one routine could
   * hold the pool.
   */
  public <T> T routineReads(Supplier<T> call) throws SQLException {
    boolean own;
    synchronized (this) {
      own = !inTransactionMode() && lent == null;
      if (own) {
        lent = fromPool();
      }
    }
    try {
      return call.get();
    } finally {
      if (own) {
        Connection c;
        synchronized (this) {
          c = lent;
          lent = null;
        }
        c.close();
      }
    }
  }

  private synchronized void undo(boolean own, Savepoint savepoint, Throwable failure) {
    try {
      if (own) {
        routineCall = false;
        rollbackOpen();
      } else if (pinned != null && !pinned.isClosed() && pinned != abandoned) {
        pinned.rollback(savepoint);
      }
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private synchronized void keepRoutineWork(Savepoint savepoint) throws SQLException {
    if (pinned != null) {
      requireLive();
      pinned.releaseSavepoint(savepoint);
    }
  }

  /**
   * Sets a savepoint in the open transaction, opening one if needed. A savepoint named like a
   * live one replaces it.
   *
   * @param name the savepoint's name, or null for an unnamed one
   * @throws SQLException 25P01 in auto-commit mode, where there is no transaction to mark
   */
  public synchronized Savepoint setSavepoint(String name) throws SQLException {
    if (!inTransactionMode()) {
      throw new SQLException("a savepoint needs a transaction: START TRANSACTION or turn"
          + " auto-commit off first", "25P01");
    }
    Connection c = pin();
    if (name != null) {
      savepoints.removeIf(s -> name.equals(s.name));
    }
    NamedSavepoint savepoint = new NamedSavepoint(nextSavepointId++, name,
        name == null ? c.setSavepoint() : c.setSavepoint(name));
    savepoints.add(savepoint);
    return savepoint;
  }

  /** Undoes everything after {@code savepoint}, which stays set; later savepoints are gone. */
  public synchronized void rollback(Savepoint savepoint) throws SQLException {
    int at = indexOf(savepoint);
    pinned.rollback(savepoints.get(at).target);
    savepoints.subList(at + 1, savepoints.size()).clear();
  }

  /** Removes {@code savepoint} and every later one; the work after them stays. */
  public synchronized void release(Savepoint savepoint) throws SQLException {
    int at = indexOf(savepoint);
    pinned.releaseSavepoint(savepoints.get(at).target);
    savepoints.subList(at, savepoints.size()).clear();
  }

  /** The live savepoint of that name, for SQL's {@code ROLLBACK TO} and {@code RELEASE}. */
  public synchronized Savepoint savepoint(String name) throws SQLException {
    for (NamedSavepoint s : savepoints) {
      if (name.equals(s.name)) {
        return s;
      }
    }
    throw new SQLException("no savepoint " + name + " in the current transaction", "3B001");
  }

  private int indexOf(Savepoint savepoint) throws SQLException {
    int at = savepoints.indexOf(savepoint);
    if (at < 0) {
      throw new SQLException("savepoint " + savepoint + " is not set in the current transaction:"
          + " it was released, rolled back past, or its transaction ended", "3B001");
    }
    return at;
  }

  /** The pinned connection, pinning one from the pool first if no transaction is open. */
  private Connection pin() throws SQLException {
    if (closed) {
      throw new SQLException("the connection is closed", "08003");
    }
    if (pinned != null) {
      requireLive();
    }
    if (pinned == null) {
      Connection c = fromPool();
      try {
        c.setAutoCommit(false);
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
      pinned = c;
    }
    return pinned;
  }

  private void unpin() throws SQLException {
    Connection c = pinned;
    if (c == null) {
      return;
    }
    pinned = null;
    savepoints.clear();
    // HikariCP rolls back whatever a returned connection left uncommitted and restores its
    // auto-commit and isolation level before anyone else gets it.
    c.close();
  }

  private Connection fromPool() throws SQLException {
    if (closed) {
      throw new SQLException("the connection is closed", "08003");
    }
    Connection c = pool.getConnection();
    try {
      barrier.observe(c);
      if (isolation != DEFAULT_ISOLATION) {
        c.setTransactionIsolation(isolation);
      }
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private synchronized Connection statementConnection() throws SQLException {
    if (lent != null) {
      return PinnedConnection.view(lent);
    }
    return inTransactionMode() ? PinnedConnection.view(pin()) : fromPool();
  }

  /** A savepoint of this transaction, over the embedded database's own. */
  private static final class NamedSavepoint implements Savepoint {
    private final int id;
    private final String name;
    private final Savepoint target;

    NamedSavepoint(int id, String name, Savepoint target) {
      this.id = id;
      this.name = name;
      this.target = target;
    }

    @Override
    public int getSavepointId() throws SQLException {
      if (name != null) {
        throw new SQLException("savepoint " + name + " is named; it has no id", "3B001");
      }
      return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
      if (name == null) {
        throw new SQLException("savepoint " + id + " is unnamed", "3B001");
      }
      return name;
    }

    @Override
    public String toString() {
      return name != null ? name : "#" + id;
    }
  }
}
