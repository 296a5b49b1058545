/** Alert delivery to Alertmanager (API v2). */
package io.coordscope.sidecar.notify;
