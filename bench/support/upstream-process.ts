import { UpstreamMcp } from '../../test/support/upstream-mcp';

/** The test upstream in a process of its own, so the load generator does not share its event loop. */
void new UpstreamMcp().start().then((upstream) => process.send?.({ url: upstream.url }));
