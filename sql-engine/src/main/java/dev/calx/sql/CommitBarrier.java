package dev.calx.sql;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
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
  public static final CommitBarrier NONE = new CommitBarrier(null);

  private final DataSource pool;
  /** The open database's store; found again after H2 reopens it (a storage failure closes it). */
  private volatile MVStore store;

  private CommitBarrier(DataSource pool) {
    this.pool = pool;
  }

  /** The barrier of the file database behind {@code pool}. */
  public static CommitBarrier of(DataSource pool) {
    return new CommitBarrier(pool);
  }

  /** Returns once every commit made so far is in the database's file. */
  public void await() throws SQLException {
    if (pool == null) {
      return;
    }
    MVStore current = store;
    if (current == null || current.isClosed()) {
      current = find();
      store = current;
    }
    FileStore<?> file = current.getFileStore();
    if (file != null && !current.isClosed()) {
      // Both of H2's writer threads run one task at a time, in order: once this empty task has
      // run on each, every write submitted before it is done.
      file.executeFileStoreOperation(() -> { });
    }
  }

  private MVStore find() throws SQLException {
    try (Connection c = pool.getConnection()) {
      SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
      return session.getDatabase().getStore().getMvStore();
    }
  }
}
