import Foundation

/// Group commit for idempotent writes: requests that arrive while a commit is running wait for the
/// next one and share it, so concurrent clients pay for one durable commit instead of one each.
///
/// Every request is decided on its own (``IdempotentInsert``): one that fails (a conflict, an unknown
/// code) writes nothing and gets its own error; the others commit. A request's answer is sent only
/// after the shared commit is durable.
actor GroupCommitter<R: StoredRecord> {
    private struct Request {
        var items: [R]
        var createMissingReferences: Bool
        var untimed: Set<String>
        var continuation: CheckedContinuation<InsertOutcome, any Error>
    }

    private let database: any SQLDatabase
    private var pending: [Request] = []
    private var committing = false
    /// Most records one shared commit takes; a single larger request still commits on its own.
    private let maxRecordsPerCommit = 5_000

    init(database: any SQLDatabase) {
        self.database = database
    }

    func insert(_ items: [R], createMissingReferences: Bool, untimed: Set<String> = []) async throws -> InsertOutcome {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Request(items: items, createMissingReferences: createMissingReferences, untimed: untimed, continuation: continuation))
            if !committing {
                committing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            var group: [Request] = []
            var records = 0
            while let next = pending.first, group.isEmpty || records + next.items.count <= maxRecordsPerCommit {
                group.append(pending.removeFirst())
                records += next.items.count
            }
            let results = await Self.commit(
                group.map { IdempotentInsert.Request(items: $0.items, createMissingReferences: $0.createMissingReferences, untimed: $0.untimed) }, database: database)
            for (request, result) in zip(group, results) { request.continuation.resume(with: result) }
        }
        committing = false
    }

    private static func commit(_ requests: [IdempotentInsert.Request<R>], database: any SQLDatabase) async -> [Result<InsertOutcome, any Error>] {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await database.transaction { tx in try await IdempotentInsert.write(requests, in: tx) }
            } catch let error where attempt < 5 && database.isUniqueViolation(error) {
                // Another server (or process) committed one of these ids between our read and our insert: the next
                // attempt reads its row and answers a duplicate or a conflict, as for any retry.
                continue
            } catch {
                // The shared commit itself failed: nothing of the group was written.
                return requests.map { _ in .failure(error) }
            }
        }
    }
}
