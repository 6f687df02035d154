// Child process for the crash test: sends one half message, reports it, then waits to be killed with SIGKILL.
// Usage: node send-half-message-and-hang.cjs <endpoints> <topic> <tag> <key>
const { Producer } = require('rocketmq-client-nodejs');

const [endpoints, topic, tag, key] = process.argv.slice(2);
const silent = { info() {}, debug() {}, warn() {}, error: (...a) => console.error(...a) };

(async () => {
  // The client requires a checker for transactions; this one never decides (answers UNKNOWN), and the
  // process is killed before the first check-back anyway.
  const checker = { check: async () => 0 };
  const producer = new Producer({ endpoints, namespace: '', topics: [topic], checker, logger: silent });
  await producer.startup();
  const receipt = await producer.send({ topic, tag, keys: [key], body: Buffer.from(key) }, producer.beginTransaction());
  process.stdout.write(JSON.stringify({ messageId: receipt.messageId, sentAt: Date.now() }) + '\n');
  setInterval(() => undefined, 60000);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
