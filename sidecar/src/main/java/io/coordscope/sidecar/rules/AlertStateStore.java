package io.coordscope.sidecar.rules;

import java.util.List;

/** Persists pending/firing alerts between restarts so that `for` timers survive them. */
public interface AlertStateStore {

  /** Keeps nothing: every start begins with fresh `for` timers. */
  AlertStateStore NONE = new AlertStateStore() {
    @Override
    public List<SavedAlert> load() {
      return List.of();
    }

    @Override
    public void save(List<SavedAlert> alerts) {}
  };

  /** The saved alerts; empty when there is no state yet. Never throws for a missing or corrupt file. */
  List<SavedAlert> load();

  /** Replaces the saved state; a failure is reported by the implementation, never thrown into evaluation. */
  void save(List<SavedAlert> alerts);

  /** Writes anything {@link #save} deferred; called when rule evaluation stops. */
  default void flush() {}
}
