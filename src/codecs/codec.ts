import type { EventsMetadata } from '../envelope/index.js';

/** One Open edX event: its metadata and its data (`{ <data key>: payload }`). */
export interface OpenEdxEvent<D = Record<string, unknown>> {
  readonly metadata: EventsMetadata;
  readonly data: D;
}

/** A protocol binding: a small object of functions that put events on a wire and read them back. */
export interface Codec<W> {
  readonly name: string;
  readonly contentType: string;
  /** Validates and encodes; throws a coded EdstreamError for bad input. */
  encode(event: OpenEdxEvent): W;
  /** Decodes and validates; throws a coded EdstreamError for bad input, never anything else. */
  decode(wire: W): OpenEdxEvent;
}
