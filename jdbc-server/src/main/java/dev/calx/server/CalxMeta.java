package dev.calx.server;

import dev.calx.sql.Session;
import dev.calx.sql.jdbc.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Avatica's JDBC meta over the server's embedded database, with the server's connection
 * properties only. {@link JdbcMeta} lays what a client sends over the server's own properties, so a
 * client could name its own {@code model}, {@code parserFactory}, {@code schema} or
 * {@code calx.role}; here the client's properties are dropped and each connection acts for the
 * requester's {@link Session}, with the attached JDBC schemas added to its root. Nor may a client
 * move a connection to another schema or catalog afterwards: {@link #connectionSync} drops those
 * two, so unqualified names always resolve in PUBLIC.
 */
final class CalxMeta extends JdbcMeta {
  private final Database database;
  private final AttachedSchemas attached;
  /** Who opened each live connection, by connection id. */
  private final Map<String, String> owners = new ConcurrentHashMap<>();
  /** The signature of each prepared statement, by statement id; see {@link #execute}. */
  private final Map<Integer, Signature> signatures = new ConcurrentHashMap<>();

  /**
   * @param url the engine URL of the database, for Avatica's bookkeeping only: connections are
   *     made on {@code database} itself
   */
  CalxMeta(String url, Database database, AttachedSchemas attached) throws SQLException {
    super(url, new Properties());
    this.database = database;
    this.attached = attached;
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> clientProperties) {
    // Connections that expired from JdbcMeta's cache were closed without closeConnection.
    owners.keySet().retainAll(getConnectionCache().asMap().keySet());
    super.openConnection(ch, Map.of());
    owners.put(ch.id, Session.current().user());
  }

  @Override
  protected Connection createConnection(String ignoredUrl, Properties ignoredProperties)
      throws SQLException {
    Connection connection = database.connect(Session.current());
    try {
      attached.attachTo(connection.unwrap(CalciteConnection.class).getRootSchema());
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Applies the client's auto-commit, read-only and isolation settings, but not its schema or
   * catalog: {@code Connection.setSchema} and {@code setCatalog} on a client connection are
   * ignored, as JDBC allows a driver to, and the answer tells the client the schema it still has.
   * A client that changed the default schema would otherwise make unqualified names resolve in
   * {@code sys} or an attached database.
   */
  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
    ConnectionProperties allowed = new ConnectionPropertiesImpl(connProps.isAutoCommit(),
        connProps.isReadOnly(), connProps.getTransactionIsolation(), null, null);
    return super.connectionSync(ch, allowed);
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    // Statements that expired from JdbcMeta's cache were closed without closeStatement.
    signatures.keySet().retainAll(getStatementCache().asMap().keySet());
    StatementHandle h = super.prepare(ch, sql, maxRowCount);
    signatures.put(h.id, h.signature);
    return h;
  }

  /**
   * Executes a prepared statement. Avatica's client sends {@code executeUpdate()} and {@code
   * executeLargeUpdate()} without the statement's signature, which JdbcMeta needs to return the
   * rows of a query or CALL (it failed with a NullPointerException); given the signature from
   * the prepare, the client answers as the embedded driver does: -1, and the rows in {@code
   * getResultSet()}.
   */
  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    Signature signature = h.signature == null ? signatures.get(h.id) : null;
    StatementHandle handle =
        signature == null ? h : new StatementHandle(h.connectionId, h.id, signature);
    return super.execute(handle, parameterValues, maxRowsInFirstFrame);
  }

  @Override
  public void closeStatement(StatementHandle h) {
    try {
      super.closeStatement(h);
    } finally {
      signatures.remove(h.id);
    }
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    try {
      super.closeConnection(ch);
    } finally {
      owners.remove(ch.id);
    }
  }

  /** The user who opened a live connection, or null if there is no such connection. */
  String owner(String connectionId) {
    return owners.get(connectionId);
  }

  /** Closes every client connection, rolling back what they left uncommitted. */
  void closeAllConnections() {
    getConnectionCache().invalidateAll();
    getConnectionCache().cleanUp();
    owners.clear();
  }
}
