package dev.calx.server;

import dev.calx.sql.Session;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.servlet.http.HttpServletRequest;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.server.AvaticaServerConfiguration;
import org.apache.calcite.avatica.server.RemoteUserExtractionException;
import org.apache.calcite.avatica.server.RemoteUserExtractor;

/**
 * HTTP BASIC authentication against a users file, running each request in its user's
 * {@link Session}.
 * Avatica's own BASIC configuration authenticates but never says who is calling; this one also
 * asks Avatica's handler to run each request "as" its user: the handler first extracts the user,
 * then runs the request inside {@link #doAsRemoteUser}, both on the request's thread, and the
 * role is read from Jetty's login (the users file) in between.
 */
final class CallerBinding implements AvaticaServerConfiguration, RemoteUserExtractor {
  private static final String[] ROLES = {Session.ADMIN_ROLE, Session.USER_ROLE};

  private final Path users;
  /** The session of the user extracted from the request now being served on this thread. */
  private final ThreadLocal<Session> extracted = new ThreadLocal<>();

  CallerBinding(Path users) {
    this.users = users;
  }

  @Override
  public String extract(HttpServletRequest request) throws RemoteUserExtractionException {
    String user = request.getRemoteUser();
    if (user == null) {
      throw new RemoteUserExtractionException("request is not authenticated");
    }
    extracted.set(new Session(user, request.isUserInRole(Session.ADMIN_ROLE)));
    return user;
  }

  @Override
  public <T> T doAsRemoteUser(String remoteUser, String remoteAddress, Callable<T> action)
      throws Exception {
    Session session = extracted.get();
    extracted.remove();
    if (session == null || !session.user().equals(remoteUser)) {
      throw new RemoteUserExtractionException("no authenticated caller for " + remoteUser);
    }
    Session.Scope scope = session.enter();
    try {
      return action.call();
    } finally {
      scope.close();
    }
  }

  @Override
  public boolean supportsImpersonation() {
    return true;
  }

  @Override
  public RemoteUserExtractor getRemoteUserExtractor() {
    return this;
  }

  @Override
  public AuthenticationType getAuthenticationType() {
    return AuthenticationType.BASIC;
  }

  @Override
  public String[] getAllowedRoles() {
    return ROLES.clone();
  }

  @Override
  public String getHashLoginServiceRealm() {
    return "Calx";
  }

  @Override
  public String getHashLoginServiceProperties() {
    return users.toAbsolutePath().toString();
  }

  @Override
  public String getKerberosRealm() {
    return null;
  }

  @Override
  public String getKerberosServiceName() {
    return null;
  }

  @Override
  public String getKerberosHostName() {
    return null;
  }

  @Override
  public String getKerberosPrincipal() {
    return null;
  }
}
