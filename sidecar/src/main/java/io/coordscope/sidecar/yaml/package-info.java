/**
 * Strict YAML reading for every file the sidecar loads (configuration, rule files, rule test
 * files), through SnakeYAML's node API: one parser setup with size and alias limits, and one error
 * model, {@code file:line: message}. Not public API.
 */
package io.coordscope.sidecar.yaml;
