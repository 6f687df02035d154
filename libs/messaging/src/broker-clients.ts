/** The RocketMQ clients this process runs, by name, and whether each is connected: read by /health. */
export const brokerClients = new Map<string, () => boolean>();
