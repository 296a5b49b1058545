/**
 * The OTLP/HTTP metrics receiver ({@code POST /v1/metrics}): decodes an {@code
 * ExportMetricsServiceRequest} (protobuf or OTLP JSON, optionally gzip), translates it to
 * Prometheus series as OpenTelemetry's Prometheus compatibility specification says, and appends
 * them to the sidecar's store.
 *
 * <p>Why a hand-written protobuf reader ({@link io.coordscope.sidecar.otlp.WireReader}) instead of
 * the generated {@code opentelemetry-proto} classes: those need {@code protobuf-java} at run time,
 * 1.9 MB plus 0.9 MB of generated classes in the sidecar jar (7.2 MB) and several MB of metaspace
 * once loaded, for a message tree of ~25 fields the receiver reads. The reader is tested against
 * messages built and serialised by the official classes ({@code OtlpProtobufDecoderTest}).
 */
package io.coordscope.sidecar.otlp;
