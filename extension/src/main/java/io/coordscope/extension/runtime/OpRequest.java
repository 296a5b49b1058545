package io.coordscope.extension.runtime;

/** The Instrumenter's request: the method's prepared state and, when it has {@code @OpAttribute}s, its arguments. */
final class OpRequest {
  final OpState state;
  final Object[] args;

  OpRequest(OpState state, Object[] args) {
    this.state = state;
    this.args = args;
  }

  String spanName() {
    return state.spanName;
  }
}
