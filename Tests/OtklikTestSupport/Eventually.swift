/// Whether `done` becomes true within `seconds`, asked every 20 ms: for what the change feed's consumers write after a
/// request has answered (cases, webhooks, notifications, analyses). The bound is generous: the full parallel run shares
/// two cores among three hundred suites, and a consumer's step may wait that long for a thread (a 10 s bound failed
/// there twice on 2026-12-05, both times passing alone in under a second). The tests assert that the work follows
/// without another request, not how fast.
public func eventually(within seconds: Int = 60, _ done: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    repeat {
        if try await done() { return true }
        try await Task.sleep(for: .milliseconds(20))
    } while ContinuousClock.now < deadline
    return try await done()
}
