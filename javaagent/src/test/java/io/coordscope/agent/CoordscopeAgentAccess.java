package io.coordscope.agent;

import java.net.URL;

/** Test access to the agent's package-private helpers. */
public final class CoordscopeAgentAccess {

  private CoordscopeAgentAccess() {}

  /** The agent's own code source ({@code target/classes} in tests). */
  public static URL location() {
    return CoordscopeAgent.agentLocation();
  }
}
