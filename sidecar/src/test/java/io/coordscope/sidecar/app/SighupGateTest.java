package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SighupGateTest {

  @Test
  void aSignalWhileStartingReloadsOnceWhenStarted() {
    SighupGate gate = new SighupGate();
    AtomicInteger reloads = new AtomicInteger();
    gate.signalled();
    gate.signalled();
    assertThat(reloads).hasValue(0);
    gate.started(reloads::incrementAndGet);
    assertThat(reloads).as("the signals that came while starting are one reload").hasValue(1);
    gate.signalled();
    assertThat(reloads).hasValue(2);
  }

  @Test
  void noSignalNoReload() {
    SighupGate gate = new SighupGate();
    AtomicInteger reloads = new AtomicInteger();
    gate.started(reloads::incrementAndGet);
    assertThat(reloads).hasValue(0);
  }
}
