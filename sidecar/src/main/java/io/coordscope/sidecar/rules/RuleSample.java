package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.model.Labels;

/** One element of an instant vector returned to a rule: its labels and value. */
public record RuleSample(Labels labels, double value) {}
