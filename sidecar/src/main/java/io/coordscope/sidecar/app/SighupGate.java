package io.coordscope.sidecar.app;

/**
 * Where SIGHUP goes while the sidecar starts: nowhere yet, but remembered, so one reload runs as
 * soon as {@link #started} hands over the reload action. After that every signal reloads.
 */
final class SighupGate {

  private Runnable reload;
  private boolean pending;

  /** From the signal handler's thread. */
  void signalled() {
    Runnable r;
    synchronized (this) {
      r = reload;
      if (r == null) {
        pending = true;
        return;
      }
    }
    r.run();
  }

  /** The sidecar is running: a signal that came while it started reloads now, on this thread. */
  void started(Runnable reloadAction) {
    boolean missed;
    synchronized (this) {
      reload = reloadAction;
      missed = pending;
      pending = false;
    }
    if (missed) {
      reloadAction.run();
    }
  }
}
