-- Appended by bench/load.py to every wrk script (after the request function, if any):
-- at the end of a run, one line that load.py reads, instead of parsing wrk's text.
-- Latencies are in microseconds. "status" counts responses that are neither 2xx nor 3xx;
-- load.py checks each address once beforehand for a 200, so a redirect is caught there.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"status_errors": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
