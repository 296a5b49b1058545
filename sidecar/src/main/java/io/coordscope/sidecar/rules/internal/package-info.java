/** Helpers of the rules packages that are not public API. */
package io.coordscope.sidecar.rules.internal;
