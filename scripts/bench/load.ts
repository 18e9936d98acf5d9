import autocannon from 'autocannon'

/** One call the load sends: a function, and the envelope (made fresh per request if a function). */
export interface Call {
  fn: string
  envelope: () => unknown
  /** The caller of each request, when it is not the run's one token (many villagers booking). */
  token?: () => string
  /** An answer the case expects besides success (a full slot), counted apart from the errors. */
  expectedRefusal?: (status: number, body: string) => boolean
}

/** What one load run measured. Latencies in milliseconds. */
export interface Measurement {
  /** Requests answered within the run; ones still open when it ends are not counted anywhere. */
  completed: number
  requestsPerSecond: number
  p50: number
  p99: number
  /** Answers other than 2xx and the expected refusals, plus socket errors and timeouts. */
  errors: number
  /** Answers the case expects besides success (see `Call.expectedRefusal`). */
  refused: number
}

export interface LoadOptions {
  url: string
  token: string
  /** The connections cycle through these in order, so their mix sets the share of each. */
  calls: Call[]
  seconds: number
  connections: number
}

/** Drives one server with autocannon for a fixed time and sums up what it saw. */
export async function runLoad(options: LoadOptions): Promise<Measurement> {
  let refused = 0
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    // A list query at a million rows may take long; a timeout still counts as an error.
    timeout: 60,
    requests: options.calls.map((call) => ({
      method: 'POST',
      path: `/api/${call.fn}`,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${options.token}`,
      },
      setupRequest: (request) => ({
        ...request,
        headers: call.token
          ? { ...request.headers, authorization: `Bearer ${call.token()}` }
          : request.headers,
        body: JSON.stringify(call.envelope()),
      }),
      ...(call.expectedRefusal
        ? {
            onResponse: (status: number, body: string) => {
              if (call.expectedRefusal?.(status, body)) refused += 1
            },
          }
        : {}),
    })),
  })
  return {
    completed: result.requests.total,
    // Completed requests over the run's length: a run of a second or two has too few
    // per-second samples for autocannon's average to mean much.
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors - refused,
    refused,
  }
}
