/** The RocketMQ clients this process runs, by name, and whether each is connected: read by /health. */
export const brokerClients = new Map<string, () => boolean>();

/**
 * Messages this process gave up on (the broker moved them to the DLQ), and dead letters it recorded in
 * `dead_letters` (also those of a held message at shutdown): shown in /health details.
 */
export const consumerStats = { deadLettered: 0, deadLettersRecorded: 0 };
