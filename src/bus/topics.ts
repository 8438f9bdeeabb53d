/** The stream of a topic: `<prefix>-<topic>`, or the topic alone without a prefix (as Open edX does). */
export function fullTopic(topic: string, prefix: string | undefined): string {
  return prefix ? `${prefix}-${topic}` : topic;
}

/** The prefix from the Open edX setting name, when no option gives one. */
export function topicPrefixFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.EDSTREAM_TOPIC_PREFIX ?? env.EVENT_BUS_TOPIC_PREFIX ?? undefined;
}

export const DEAD_LETTER_SUFFIX = ':dlq';

/** Where the dead letters of a stream go. */
export function deadLetterStream(stream: string): string {
  return `${stream}${DEAD_LETTER_SUFFIX}`;
}

export function isDeadLetterStream(stream: string): boolean {
  return stream.endsWith(DEAD_LETTER_SUFFIX);
}
