/**
 * Annotations that mark coordination operations and business KPIs for the coordscope agent.
 * They have no effect and no cost without the agent.
 */
package io.coordscope.annotations;
