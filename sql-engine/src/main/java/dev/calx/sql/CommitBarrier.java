package dev.calx.sql;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * Waits until the embedded database has written every commit that has returned. H2 writes a
 * commit before returning when {@code WRITE_DELAY=0}, except when another thread has just begun
 * writing a newer version in the background (MVStore's {@code tryCommit}, which H2 runs once
 * enough unsaved changes pile up): the commit then returns as soon as that write has begun, not
 * when it is done, and a process killed in between loses it. Draining H2's write pipeline before
 * a commit is acknowledged closes that gap.
 */
public final class CommitBarrier {
  /** The barrier of a database with no files: nothing to wait for. */
  public static final CommitBarrier NONE = new CommitBarrier(false);

  private final boolean files;
  /**
   * The open database's store, as last seen on a connection a statement took from the pool; H2
   * opens a new one after a storage failure closed the old.
   */
  private volatile MVStore store;

  private CommitBarrier(boolean files) {
    this.files = files;
  }

  /** The barrier of a database kept in files. */
  public static CommitBarrier forFiles() {
    return new CommitBarrier(true);
  }

  /** Notes the store behind {@code connection}, a connection of the pool just taken. */
  void observe(Connection connection) throws SQLException {
    if (files) {
      SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
      MVStore current = session.getDatabase().getStore().getMvStore();
      if (current != store) {
        store = current;
      }
    }
  }

  /**
   * Returns once every commit made so far is in the database's file. A closed store has nothing
   * in flight: its writes either finished or failed with it.
   */
  public void await() {
    MVStore current = store;
    if (current == null || current.isClosed()) {
      return;
    }
    FileStore<?> file = current.getFileStore();
    if (file != null) {
      // Both of H2's writer threads run one task at a time, in order: once this empty task has
      // run on each, every write submitted before it is done.
      file.executeFileStoreOperation(() -> { });
    }
  }
}
