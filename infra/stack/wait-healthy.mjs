// Polls GET <url> until it answers 200, or fails after the deadline. Usage: node wait-healthy.mjs <url> <seconds>
const [url, seconds = '90'] = process.argv.slice(2);
const deadline = Date.now() + Number(seconds) * 1000;
let last = 'no answer';
while (Date.now() < deadline) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (res.status === 200) process.exit(0);
    last = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
  } catch (error) {
    last = error.cause?.code ?? error.message;
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
}
console.error(`${url} not healthy after ${seconds}s (last: ${last})`);
process.exit(1);
