/**
 * Stand-in for `async-retry`, which Apollo Server uses only to send usage reports to Apollo
 * Studio (needs `APOLLO_KEY`) and subscription callbacks (no subscriptions here).
 */
export default function retry(): never {
  throw new Error('async-retry is left out of this bundle (no Apollo Studio, no subscriptions)');
}
