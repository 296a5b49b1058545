package io.coordscope.sidecar.notify;

import io.coordscope.sidecar.testing.AlertmanagerServer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The old name of {@link AlertmanagerServer}, kept only because {@code e2e.SidecarAlertmanagerIT}
 * (owned elsewhere) still imports it; delete once that test uses {@link AlertmanagerServer}.
 */
public final class AlertmanagerProcess extends AlertmanagerServer {

  public AlertmanagerProcess(Path dir) throws IOException {
    super(dir);
  }
}
