import { useEffect, useState } from 'preact/hooks';
import type { OrderTimeline } from '@app/contracts';
import type { Snapshot } from '../../src/console-api';

/** One EventSource to the console's server: snapshots, and the timeline of the watched order. No polling. */
export function useLive(orderId: string | undefined) {
  const [snapshot, setSnapshot] = useState<Snapshot>();
  const [timeline, setTimeline] = useState<OrderTimeline>();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    setTimeline(undefined);
    const source = new EventSource(orderId ? `/api/stream?order=${encodeURIComponent(orderId)}` : '/api/stream');
    source.addEventListener('snapshot', (event) => setSnapshot(JSON.parse(event.data as string) as Snapshot));
    source.addEventListener('timeline', (event) => setTimeline(JSON.parse(event.data as string) as OrderTimeline));
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [orderId]);
  return { snapshot, timeline, connected };
}
