// `npm run dlq -- list [--service <name>]`: the dead letters of the running demo stack (all three services by
// default), newest first. `npm run dlq -- replay <id> --service <name>`: replays one through its handler.
// Ports as in infra/profiles/dev.env (ORDER_SERVICE_PORT etc. override them).
const services = {
  'order-service': Number(process.env.ORDER_SERVICE_PORT ?? 3001),
  'inventory-service': Number(process.env.INVENTORY_SERVICE_PORT ?? 3002),
  'payment-service': Number(process.env.PAYMENT_SERVICE_PORT ?? 3003),
};
const usage =
  'usage: npm run dlq -- list [--service <name>] | replay <id> --service <name>\n' +
  `  services: ${Object.keys(services).join(', ')}`;

function parse(argv) {
  const args = [...argv];
  const at = args.indexOf('--service');
  const service = at >= 0 ? args.splice(at, 2)[1] : undefined;
  if (service !== undefined && !(service in services)) throw new Error(`unknown service "${service}"\n${usage}`);
  const [command, id] = args;
  if (command === 'list' && !id) return { command, names: service ? [service] : Object.keys(services) };
  if (command === 'replay' && /^\d+$/.test(id ?? '') && service) return { command, id, names: [service] };
  throw new Error(usage);
}

async function call(name, method, path) {
  const url = `http://127.0.0.1:${services[name]}/admin/dead-letters${path}`;
  const res = await fetch(url, { method, signal: AbortSignal.timeout(30000) }).catch((error) => {
    throw new Error(`${name} does not answer at ${url} (${error.cause?.code ?? error.message}); is the stack up?`);
  });
  const body = await res.json().catch(() => ({}));
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}

async function list(names) {
  for (const name of names) {
    const { status, body } = await call(name, 'GET', '');
    if (status !== 200) throw new Error(`${name}: ${status} ${JSON.stringify(body)}`);
    console.log(`${name}: ${body.length} dead letter(s)`);
    for (const letter of body) {
      const replayed = letter.replays ? `, replayed ${letter.replays}x (last: ${letter.lastReplayOutcome})` : '';
      console.log(`  #${letter.id} ${letter.deadLetteredAt} ${letter.topic}/${letter.type} event ${letter.eventId}`);
      console.log(`      ${letter.attempts} attempts${replayed}; ${letter.lastError}`);
    }
  }
}

async function replay(name, id) {
  const { status, retryAfter, body } = await call(name, 'POST', `/${id}/replay`);
  if (status === 200) {
    console.log(`${name} #${id}: handled${body.alreadyHandled ? ' (it had been already; nothing changed)' : ''}`);
    return;
  }
  const wait = retryAfter ? `; try again in ${retryAfter} s` : '';
  throw new Error(`${name} #${id}: ${status} ${body.code ?? ''} ${body.message ?? ''}${wait}`);
}

try {
  const { command, id, names } = parse(process.argv.slice(2));
  await (command === 'list' ? list(names) : replay(names[0], id));
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
