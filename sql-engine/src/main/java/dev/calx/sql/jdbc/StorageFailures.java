package dev.calx.sql.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import dev.calx.sql.ConnectionTransaction;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import org.h2.api.ErrorCode;
import org.h2.jdbc.JdbcException;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/**
 * Recognises failures of the embedded database's storage (a full disk, any other I/O error) and
 * recovers from them. H2 closes a database whose file it failed to write, and every connection
 * to it then fails; this override tells HikariCP to replace them all, so that once the file can
 * be written again the next statement opens the database afresh from its last good commit,
 * without a restart.
 */
final class StorageFailures implements SQLExceptionOverride {
  /** SQLSTATE of a write that failed for lack of space. */
  static final String DISK_FULL = "53100";
  /** SQLSTATE of any other failure to read or write the database's files. */
  static final String IO_ERROR = "58030";

  private static final Set<Integer> STORAGE_ERRORS = Set.of(ErrorCode.DATABASE_IS_CLOSED,
      ErrorCode.IO_EXCEPTION_1, ErrorCode.IO_EXCEPTION_2, ErrorCode.FILE_CORRUPTED_1,
      ErrorCode.FILE_CREATION_FAILED_1, ErrorCode.FILE_RENAME_FAILED_2,
      ErrorCode.FILE_DELETE_FAILED_1);

  /** MVStore's own codes for failing files, as opposed to lock waits and deadlocks. */
  private static final Set<Integer> STORE_ERRORS = Set.of(DataUtils.ERROR_READING_FAILED,
      DataUtils.ERROR_WRITING_FAILED, DataUtils.ERROR_CLOSED, DataUtils.ERROR_FILE_CORRUPT,
      DataUtils.ERROR_CHUNK_NOT_FOUND, DataUtils.ERROR_BLOCK_NOT_FOUND);

  private volatile HikariDataSource pool;
  private final Set<ConnectionTransaction> transactions;

  /** Recovery for a pool whose open transactions are {@code transactions} (kept current). */
  StorageFailures(Set<ConnectionTransaction> transactions) {
    this.transactions = transactions;
  }

  /** Names the pool to clear when storage fails; set once the pool exists. */
  void recoverWith(HikariDataSource failingPool) {
    this.pool = failingPool;
  }

  @java.lang.Override
  public SQLExceptionOverride.Override adjudicate(SQLException e) {
    if (stateOf(e) == null) {
      return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
    HikariDataSource failing = pool;
    if (failing != null) {
      // Idle connections are as dead as this one; they are closed now, busy ones when returned,
      // except those pinned by open transactions, which might never be returned.
      failing.getHikariPoolMXBean().softEvictConnections();
      transactions.forEach(ConnectionTransaction::abandonAfterStorageFailure);
    }
    return SQLExceptionOverride.Override.MUST_EVICT;
  }

  /** {@link #DISK_FULL}, {@link #IO_ERROR}, or null if {@code thrown} is no storage failure. */
  static String stateOf(Throwable thrown) {
    String state = null;
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof IOException && String.valueOf(t.getMessage())
          .contains("No space left on device")) {
        return DISK_FULL;
      }
      if (t instanceof MVStoreException store && STORE_ERRORS.contains(store.getErrorCode())
          || t instanceof JdbcException h2 && STORAGE_ERRORS.contains(h2.getErrorCode())) {
        state = IO_ERROR;
      }
    }
    return state;
  }

  /** What a client is told of a storage failure of {@code state}. */
  static String message(String state, Throwable thrown) {
    if (DISK_FULL.equals(state)) {
      return "disk full: the embedded database could not write to its data directory, so this"
          + " statement was not applied; every commit acknowledged before it is kept. Free space"
          + " and retry: the database serves again as soon as it can write";
    }
    return "storage failure of the embedded database, so this statement was not applied; every"
        + " commit acknowledged before it is kept, and the database reopens on the next"
        + " statement: " + rootMessage(thrown);
  }

  private static String rootMessage(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }
}
